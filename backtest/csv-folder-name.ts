/**
 * What a client may name as a backtest's CSV folder (a sub-folder of BACKTEST_CSV_ROOT): letters,
 * digits, `.`, `_`, `-`; no slash, and no leading dot (so never `..`). Its own module, without Node
 * imports, so the API's schema (and the dashboard's types) can share it with the worker.
 */
export const CSV_FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
