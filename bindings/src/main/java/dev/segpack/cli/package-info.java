/**
 * The picocli command line: a thin shell that parses options, calls one adapter per command and prints its
 * summary. May use every bindings package; holds no conversion logic of its own.
 */
package dev.segpack.cli;
