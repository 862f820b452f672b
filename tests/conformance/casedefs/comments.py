"""Comments and unparsed content: ``##``, ``#* *#``, ``#** *#`` and ``#[[ ]]#``."""

from __future__ import annotations

from casedefs.model import C

TOPIC = "comments"

_V = {"x": "X"}

CASES = (
    C("a## comment\nb", "line comment eats through its newline"),
    C("a ## comment", "line comment at end of template without newline"),
    C("## whole line\nb", "whole-line comment"),
    C("  ## indented\nb", "indented line comment keeps the indentation"),
    C("a##\nb", "empty line comment"),
    C("a### three\nb", "three hashes is still a line comment"),
    C("$x## c\n", "line comment right after a reference", _V),
    C("a## c\r\nb", "line comment eats a CRLF"),
    C("a## c\rb", "line comment and a lone CR"),
    C("a#* block *#b", "block comment vanishes"),
    C("a#* multi\nline\n*#b", "multi-line block comment"),
    C("a#** doc *#b", "doc comment vanishes"),
    C("a#**#b", "shortest doc-like comment"),
    C("a#*\n*#\nb", "block comment on its own lines: trailing newline kept"),
    C("a#* $x #if(true) *#b", "VTL inside a block comment is ignored", _V),
    C("a#* unclosed", "unclosed block comment swallows the rest of the template"),
    C("a#* #* nested *# *#b", "block comments do not nest: the first *# closes"),
    C("a#* ## *#b", "line comment marker inside block comment"),
    C("a## #* \nb*#c", "block opener inside a line comment is ignored"),
    C("a*#b", "stray block closer is text"),
    C("#**#", "empty block comment template"),
    C("#* *# text", "block comment at start"),
    C("#if(true)#* c *#yes#end", "block comment inside if"),
    C("#set($a = 1 #* c *#)$a", "a block comment inside a set expression is a parse error"),
    C("#[[ $x #if ]]#", "unparsed content is emitted verbatim", _V),
    C("#[[$x]]#$x", "unparsed then parsed reference", _V),
    C("#[[\nline\n]]#", "unparsed content keeps newlines"),
    C("#[[ ## not a comment ]]#", "line comment marker inside unparsed content"),
    C("#[[ #* x *# ]]#", "block comment inside unparsed content"),
    C("#[[ ]]", "unparsed content without its closing hash is a lexical error"),
    C("#[[ unclosed", "unclosed unparsed content is a lexical error"),
    C("]]#", "stray unparsed closer at template end is a lexical error (trailing hash)"),
    C("#[[]]#", "empty unparsed content"),
    C("#[[ \\$x ]]#", "backslash inside unparsed content is kept", _V),
    C("#if(true)#[[ #end ]]##end", "unparsed content inside if hides #end"),
    C("## $x\n$x", "reference inside a line comment ignored", _V),
    C("#set($a = 1)## c\n$a", "line comment right after set"),
    C("\\## x\nb", "a backslash does not escape a line comment: it stays as text"),
    C("\\#* x *#", "a backslash does not escape a block comment"),
    C("a#*x*#*#b", "text after block comment starting with *#"),
    C("a #* *# #* *# b", "two block comments with spaces"),
    C("#foreach($i in [1,2])## c\n$i#end", "line comment after foreach header"),
    C("]]# x", "stray unparsed closer followed by text"),
    C("#*\n$x\n*#$x", "multi-line block comment then reference", _V),
    C("a#** doc\n * more\n *#b", "multi-line doc comment"),
)
