package dev.segpack.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyFloatTest {

    /** Expected strings are what CPython 3.11's repr() prints. */
    @ParameterizedTest
    @CsvSource({
            "61.0, 61.0", "0.1, 0.1", "-2.5, -2.5", "1e-05, 1.0E-5", "0.0001, 1.0E-4", "1e+16, 1.0E16",
            "1000000000000000.0, 1.0E15", "1.5e+16, 1.5E16", "123456789.125, 123456789.125",
            "0.30000000000000004, 0.30000000000000004", "1.7976931348623157e+308, 1.7976931348623157E308",
            "-0.0, -0.0", "0.0, 0.0", "224.24, 224.24", "2.5e-05, 2.5E-5"})
    void writesFloatsAsPythonRepr(String python, double value) {
        assertEquals(python, PyFloat.repr(value));
    }

    @Test
    void refusesWhatJsonCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> PyFloat.repr(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> PyFloat.repr(Double.POSITIVE_INFINITY));
    }

    /** Python's round(x, 2) rounds the exact binary value, ties to even. */
    @ParameterizedTest
    @CsvSource({"2.675, 2.67", "0.125, 0.12", "0.375, 0.38", "1.005, 1.0", "3.14159, 3.14", "-1.255, -1.25",
            "10.0, 10.0", "0.045, 0.04", "1e20, 1e20"})
    void roundsAsPython(double value, double rounded) {
        assertEquals(rounded, PyFloat.round(value, 2));
    }
}
