/** Architecture rules of the bindings, checked with ArchUnit on their compiled classes; uses ArchUnit and JUnit only. */
package dev.segpack.architecture;
