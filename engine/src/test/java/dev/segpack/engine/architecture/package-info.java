/** Architecture rules of the engine, checked with ArchUnit on its compiled classes; uses ArchUnit and JUnit only. */
package dev.segpack.engine.architecture;
