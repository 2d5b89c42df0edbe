"""Storage: the only package that imports peewee. Query modules return core types."""
