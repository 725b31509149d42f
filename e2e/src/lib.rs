//! Test-only crate: the end-to-end tests live in `tests/`, with their
//! harness (static server, chromedriver, console-error check) in `tests/harness/`.
