package org.afterkernel.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Python 3's str() of floats and other values, as printed by CPython (values known by heart). */
class PythonFormatTest {
  @Test
  void floatsAsPythonPrintsThem() {
    assertEquals("0.1", PythonFormat.of(0.1));
    assertEquals("120.0", PythonFormat.of(120.0));
    assertEquals("100.0", PythonFormat.of(100.0));
    assertEquals("1e-05", PythonFormat.of(1e-5));
    assertEquals("0.0001", PythonFormat.of(1e-4));
    assertEquals("0.6666666666666666", PythonFormat.of(2.0 / 3));
    assertEquals("0.30000000000000004", PythonFormat.of(0.1 + 0.2));
    assertEquals("1e+16", PythonFormat.of(1e16));
    assertEquals("1.5e+16", PythonFormat.of(1.5e16));
    assertEquals("1234567890123456.0", PythonFormat.of(1234567890123456.0));
    assertEquals("1.2345678901234568e+17", PythonFormat.of(123456789012345678.0));
    assertEquals("-0.5", PythonFormat.of(-0.5));
    assertEquals("0.0", PythonFormat.of(0.0));
    assertEquals("5e-324", PythonFormat.of(Double.MIN_VALUE));
    assertEquals("1.7976931348623157e+308", PythonFormat.of(Double.MAX_VALUE));
    assertEquals("2.5e-05", PythonFormat.of(2.5e-5));
    assertEquals("nan", PythonFormat.of(Double.NaN));
  }

  @Test
  void otherValues() {
    assertEquals("True", PythonFormat.of(Boolean.TRUE));
    assertEquals("False", PythonFormat.of(Boolean.FALSE));
    assertEquals("None", PythonFormat.of((Object) null));
    assertEquals("0.01", PythonFormat.of((Object) 0.01));
    assertEquals("45527", PythonFormat.of((Object) 45527L));
  }
}
