//! convergence (in progress).
