"""Backslash escaping of references and directives (defined vs undefined, odd vs even counts)."""

from __future__ import annotations

from casedefs.model import C

TOPIC = "escaping"

_V = {"x": "X", "m": {"k": "v"}, "t": True}

CASES = (
    C("\\$x", "escaped defined reference renders without the backslash", _V),
    C("\\$y", "escaped undefined reference keeps the backslash", _V),
    C("\\\\$x", "two backslashes before a defined reference", _V),
    C("\\\\$y", "two backslashes before an undefined reference", _V),
    C("\\\\\\$x", "three backslashes before a defined reference", _V),
    C("\\\\\\$y", "three backslashes before an undefined reference", _V),
    C("\\\\\\\\$x", "four backslashes before a defined reference", _V),
    C("\\\\\\\\$y", "four backslashes before an undefined reference", _V),
    C("\\${x}", "escaped formal defined reference", _V),
    C("\\${y}", "escaped formal undefined reference", _V),
    C("\\$!x", "escaped quiet defined reference", _V),
    C("\\$!y", "escaped quiet undefined reference", _V),
    C("\\$!{x}", "escaped quiet formal defined reference", _V),
    C("\\$m.k", "escaped defined property reference", _V),
    C("\\$m.nope", "escaped reference whose root is defined but property is not", _V),
    C("\\$x.length()", "escaped method call on a defined reference", _V),
    C("\\", "lone backslash", _V),
    C("a\\b", "backslash between letters is text", _V),
    C("\\n", "backslash-n is text, not a newline", _V),
    C("\\\\", "two backslashes are text", _V),
    C("\\$", "backslash dollar at template end is a lexical error", _V),
    C("\\$1", "backslash before dollar-digit", _V),
    C("\\#if(true)x#end", "escaped if is text, so the later #end is unmatched: parse error", _V),
    C("\\#if(true)x\\#end", "escaped if and escaped end", _V),
    C("\\#set($a = 1)$a", "escaped set", _V),
    C("\\\\#set($a = 1)$a", "two backslashes then set", _V),
    C("\\\\\\#set($a = 1)$a", "three backslashes then set", _V),
    C("\\#foreach", "escaped foreach word without arguments", _V),
    C("\\#end", "escaped end alone", _V),
    C("\\#else", "escaped else alone", _V),
    C("\\#foo", "escaped unknown directive keeps its backslash", _V),
    C(
        "\\#{if}(true)x#end",
        "escaped formal if is text, so the later #end is unmatched: parse error",
        _V,
    ),
    C("\\#macro(m)x\\#end", "escaped macro definition", _V),
    C("#if($t)\\#end#end", "escaped end inside an if body", _V),
    C("#if($t)\\$x#end", "escaped reference inside if", _V),
    C("#set($a = '\\$x')$a", "backslash inside single quotes is literal", _V),
    C('#set($a = "\\$x")$a', "escaped reference inside double quotes", _V),
    C('#set($a = "\\$y")$a', "escaped undefined reference inside double quotes", _V),
    C("\\$x\\$y", "escaped defined then escaped undefined", _V),
    C("$x\\", "reference then backslash at end", _V),
    C("\\ $x", "backslash space reference", _V),
    C("#set($y = 1)\\$y", "escape after the reference got defined", _V),
    C("\\$y#set($y = 1)\\$y", "escape before and after the reference got defined", _V),
    C("#set($n = $nul)\\$n", "escape of a variable set from null stays undefined", _V),
    C("\\$t", "escaped boolean reference", _V),
    C("\\#stop x", "escaped stop", _V),
    C("\\#break x", "escaped break", _V),
    C("\\#define($a)x\\#end", "escaped define", _V),
    C("\\#[[x]]#", "backslash before unparsed content stays; the content is still unparsed", _V),
    C("\\#elseif", "escaped elseif alone", _V),
    C("#if(false)\\#else#else y#end", "escaped else inside the false branch", _V),
)
