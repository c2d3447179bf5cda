//! The `burden` command: parse the command line, run, print any error, exit with its code.

/// mimalloc instead of the system allocator: an iteration makes thousands of small
/// short-lived vectors (one set per simulated unit), and glibc's malloc took about a
/// seventh of the national run's time. The allocator changes no figure.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(burden::cli::main());
}
