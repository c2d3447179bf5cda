//! sweep (in progress).
