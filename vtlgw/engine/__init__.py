"""The VTL engine: lexer, parser, compiler to Python closures, Java value model and sandbox."""
