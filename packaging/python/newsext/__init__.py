"""newsext: entities, quotes and event dates of news articles in SQLite.

    import sqlite3, newsext
    con = sqlite3.connect("news.db")
    newsext.load(con)
    con.execute("SELECT * FROM news_entities(?)", ("...",))

The extension ships inside this package; LICENSE and NOTICE (the data sources
compiled into it) are next to it.
"""
import os

__version__ = "@VERSION@"


def loadable_path():
    """The path of the shipped extension, without its .so suffix (as SQLite's load_extension takes it)."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "newsext")


def load(conn):
    """Loads newsext into conn: a sqlite3.Connection, or an apsw.Connection.

    Extension loading is switched on for the call only.  Raises RuntimeError
    when this Python's sqlite3 module is built without extension loading.
    """
    path = loadable_path()
    if hasattr(conn, "enable_load_extension"):  # the standard library's sqlite3
        conn.enable_load_extension(True)
        try:
            conn.load_extension(path)
        finally:
            conn.enable_load_extension(False)
    elif hasattr(conn, "enableloadextension"):  # apsw
        conn.enableloadextension(True)
        try:
            conn.loadextension(path)
        finally:
            conn.enableloadextension(False)
    else:
        raise RuntimeError(
            "this connection cannot load SQLite extensions: the sqlite3 module of this Python is built "
            "without extension loading (some pyenv and macOS builds). Use apsw (pip install apsw) or a "
            "Python built with --enable-loadable-sqlite-extensions, such as Debian's /usr/bin/python3.")
