//! The `burden` command: parse the command line, run, print any error, exit with its code.

fn main() {
    std::process::exit(burden::cli::main());
}
