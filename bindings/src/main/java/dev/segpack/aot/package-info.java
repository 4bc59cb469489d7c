/**
 * The training run of the launcher's ahead-of-time cache (JEP 483/515): the CLI's commands run one after the
 * other in one JVM. Uses only the CLI's entry point.
 */
package dev.segpack.aot;
