"""Methods on Integer, Long, BigInteger, Double and Boolean values."""

from __future__ import annotations

from casedefs.model import C, Case

TOPIC = "number_methods"

_V = {
    "i": 42,
    "neg": -7,
    "big": 3000000000,
    "huge": 123456789012345678901234567890,
    "d": 2.75,
    "t": True,
}


def _n(expr: str, note: str) -> Case:
    """A case rendering ``expr`` with the shared number context."""
    return C(expr, note, _V)


CASES = (
    _n("$i.intValue()", "intValue of an Integer"),
    _n("$i.longValue()", "longValue of an Integer"),
    _n("$i.doubleValue()", "doubleValue of an Integer"),
    _n("$i.floatValue()", "floatValue of an Integer"),
    _n("$i.toString()", "toString of an Integer"),
    _n("$i.toString().length()", "length of an Integer's string"),
    _n("$i.hashCode()", "hashCode of an Integer"),
    _n("$i.equals(42)", "Integer equals an Integer literal"),
    _n("$i.equals('42')", "Integer does not equal a String"),
    _n("$i.equals(42.0)", "Integer does not equal a Double"),
    _n("$i.compareTo(50)", "compareTo less"),
    _n("$i.compareTo(42)", "compareTo equal"),
    _n("$neg.intValue()", "intValue of a negative"),
    _n("$d.intValue()", "intValue of a Double truncates"),
    _n("$d.longValue()", "longValue of a Double"),
    _n("$d.doubleValue()", "doubleValue of a Double"),
    _n("$d.toString()", "toString of a Double"),
    _n("$d.isNaN()", "isNaN"),
    _n("$d.isInfinite()", "isInfinite"),
    _n("$d.compareTo(3.0)", "Double compareTo"),
    _n("$d.equals(2.75)", "Double equals a Double literal"),
    _n("$d.intValue().class.simpleName", "intValue result class"),
    _n("$big.intValue()", "intValue of a Long overflows"),
    _n("$big.longValue()", "longValue of a Long"),
    _n("$big.doubleValue()", "doubleValue of a Long"),
    _n("$big.class.simpleName", "JSON integer beyond int range is a Long"),
    _n("$huge.class.simpleName", "JSON integer beyond long range is a BigInteger"),
    _n("$huge.longValue()", "longValue of a BigInteger wraps"),
    _n("$huge.doubleValue()", "doubleValue of a BigInteger"),
    _n("$huge.toString().length()", "digits of a BigInteger"),
    _n("$t.booleanValue()", "booleanValue"),
    _n("$t.toString()", "Boolean toString"),
    _n("$t.equals(true)", "Boolean equals"),
    _n("$t.compareTo(false)", "Boolean compareTo"),
    _n("$i.nosuch()", "unknown method on an Integer renders the reference"),
    _n("$i.value", "no value property on an Integer"),
    _n("$i.parseInt('12')", "static parseInt through an instance"),
    _n("$i.parseInt('x')", "parseInt of a non-number is an error"),
    _n("$i.valueOf('7')", "static valueOf through an instance"),
    _n("$i.toHexString(255)", "static toHexString"),
    _n("$i.MAX_VALUE", "static fields are not properties"),
    _n("$d.parseDouble('1e3')", "static parseDouble"),
    _n("$i.byteValue()", "byteValue"),
    _n("$i.shortValue()", "shortValue"),
    C("#set($x = 5)$x.intValue()", "method on an integer literal variable"),
    C("#set($x = 5.0)$x.intValue()", "method on a double literal variable"),
    C("#set($x = 7 / 2)$x.class.simpleName", "integer division result class"),
    C("#set($x = 7.0 / 2)$x.class.simpleName", "double division result class"),
    C("#set($x = 2147483647 + 1)$x.intValue()", "intValue of a widened sum wraps"),
    C("#set($x = 1.9)$x.intValue() $x.longValue()", "truncation of 1.9"),
    C("#set($x = -1.9)$x.intValue()", "truncation of -1.9 toward zero"),
    C("#set($x = '12')#set($y = $x.length() + 1)$y", "length is an Integer for arithmetic"),
    C("#set($x = 10)$x.toString().concat('!')", "chained string method on a number"),
    C("#set($x = 0.1)$x.floatValue()", "floatValue of 0.1"),
    C("#set($x = 100)$x.doubleValue()", "doubleValue of 100"),
    C("#set($x = 1.0E20)$x.longValue()", "longValue of 1e20 saturates"),
    C("#set($x = 1.0E308 * 10)$x.isInfinite()", "Infinity isInfinite"),
    C("#set($x = 1.0E308 * 10)$x.intValue()", "intValue of Infinity saturates"),
)
