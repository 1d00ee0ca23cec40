//! The `intervision` command; everything lives in the library.

fn main() -> std::process::ExitCode {
    intervision::cli::main()
}
