// The generator core: model, parser, validator, formats and code writers.
