//! sensitivity (in progress).
