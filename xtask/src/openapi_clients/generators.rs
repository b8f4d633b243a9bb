//! Each client generator: generate a client from the document, build it, and run its driver
//! (`xtask/openapi-clients/`) over the examples. Each step's output goes to a log under
//! `target/openapi-clients/logs/`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};
use serde::Deserialize;

use super::examples::Example;
use super::tools::{self, fresh_dir, harness_dir, pinned, run};

/// The generators the harness runs, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Generator {
    /// openapi-generator's `rust` generator (reqwest, serde).
    OagRust,
    /// openapi-generator's `typescript-fetch` generator.
    OagTypescriptFetch,
    /// openapi-generator's `python` generator (pydantic v2).
    OagPython,
    /// openapi-python-client (attrs).
    OpenapiPythonClient,
    /// openapi-typescript (types only), checked by `tsc --strict`.
    OpenapiTypescript,
    /// progenitor (Rust, typify), which reads OpenAPI 3.0 only.
    Progenitor,
}

impl Generator {
    /// Every generator, in table order.
    pub const ALL: [Generator; 6] = [
        Generator::OagRust,
        Generator::OagTypescriptFetch,
        Generator::OagPython,
        Generator::OpenapiPythonClient,
        Generator::OpenapiTypescript,
        Generator::Progenitor,
    ];

    /// The name in the table.
    pub fn label(self) -> &'static str {
        match self {
            Generator::OagRust => "openapi-generator `rust`",
            Generator::OagTypescriptFetch => "openapi-generator `typescript-fetch`",
            Generator::OagPython => "openapi-generator `python`",
            Generator::OpenapiPythonClient => "openapi-python-client",
            Generator::OpenapiTypescript => "openapi-typescript + `tsc --strict`",
            Generator::Progenitor => "progenitor",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Generator::OagRust => "oag-rust",
            Generator::OagTypescriptFetch => "oag-typescript-fetch",
            Generator::OagPython => "oag-python",
            Generator::OpenapiPythonClient => "openapi-python-client",
            Generator::OpenapiTypescript => "openapi-typescript",
            Generator::Progenitor => "progenitor",
        }
    }
}

/// The progenitor release the harness builds (crates.io).
pub const PROGENITOR_VERSION: &str = "0.15.1";

/// One driver's verdict on one example.
#[derive(Debug, Clone, Deserialize)]
pub struct DriverResult {
    /// The example's id.
    pub id: String,
    /// Whether the generated models decoded it.
    pub decoded: bool,
    /// Why not.
    pub error: Option<String>,
    /// The decoded value encoded again by the same models; `None` for types-only clients.
    pub reencoded: Option<String>,
}

/// What one generator did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Which generator.
    pub generator: Generator,
    /// Its version (and the compiler's, where one checks the types).
    pub version: String,
    /// `Err` with the reason when generating or building the client failed.
    pub builds: Result<(), String>,
    /// The driver's verdicts, one per example; empty when the client did not build.
    pub results: Vec<DriverResult>,
    /// Whether the driver re-encodes (types-only clients cannot).
    pub reencodes: bool,
}

/// Where everything runs, and the tools.
pub struct Setup {
    /// The repository root.
    pub root: PathBuf,
    /// `target/openapi-clients`.
    pub work: PathBuf,
    /// The document the clients are generated from.
    pub document: PathBuf,
    /// The virtualenv's `bin`.
    pub python_bin: PathBuf,
    /// `node_modules/.bin` of the Node tools.
    pub node_bin: PathBuf,
    /// The examples as the drivers read them.
    pub examples_file: PathBuf,
}

impl Setup {
    fn dir(&self, generator: Generator) -> PathBuf {
        self.work.join(generator.slug())
    }

    fn log(&self, generator: Generator, step: &str) -> PathBuf {
        self.work
            .join("logs")
            .join(format!("{}-{step}.log", generator.slug()))
    }

    fn openapi_generator(
        &self,
        generator: Generator,
        name: &str,
        out: &Path,
    ) -> Result<(), String> {
        let mut command = Command::new(self.python_bin.join("openapi-generator-cli"));
        command
            .args(["generate", "-i"])
            .arg(&self.document)
            .args(["-g", name, "-o"])
            .arg(out)
            .args(["--additional-properties", "packageName=verycloud_oag"]);
        run(&mut command, &self.log(generator, "generate"))
    }
}

/// Generates, builds and runs one generator's client.
pub fn run_one(cx: &Setup, generator: Generator, examples: &[Example]) -> Outcome {
    let version = version(cx, generator).unwrap_or_else(|error| format!("? ({error})"));
    let reencodes = generator != Generator::OpenapiTypescript;
    let dir = cx.dir(generator);
    let outcome = |builds: Result<(), String>, results| Outcome {
        generator,
        version: version.clone(),
        builds,
        results,
        reencodes,
    };
    if let Err(error) = fresh_dir(&dir) {
        return outcome(Err(error.to_string()), Vec::new());
    }
    let built = match generator {
        Generator::OagRust | Generator::Progenitor => rust(cx, generator, &dir, examples),
        Generator::OagTypescriptFetch => typescript_fetch(cx, &dir),
        Generator::OagPython | Generator::OpenapiPythonClient => python(cx, generator, &dir),
        Generator::OpenapiTypescript => openapi_typescript(cx, &dir, examples),
    };
    match built {
        Ok(results) => outcome(Ok(()), results),
        Err(error) => outcome(Err(error), Vec::new()),
    }
}

fn version(cx: &Setup, generator: Generator) -> Result<String> {
    Ok(match generator {
        Generator::OagRust | Generator::OagTypescriptFetch | Generator::OagPython => {
            pinned(&cx.root, "requirements.txt", "openapi-generator-cli")?
        }
        Generator::OpenapiPythonClient => {
            pinned(&cx.root, "requirements.txt", "openapi-python-client")?
        }
        Generator::OpenapiTypescript => format!(
            "{} (tsc {})",
            pinned(&cx.root, "package.json", "openapi-typescript")?,
            pinned(&cx.root, "package.json", "typescript")?
        ),
        Generator::Progenitor => PROGENITOR_VERSION.to_owned(),
    })
}

fn read_results(path: &Path) -> Result<Vec<DriverResult>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("no results: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("results unreadable: {e}"))
}

/// openapi-generator `python` and openapi-python-client: generate, byte-compile and import
/// the package, then `decode.py` over the examples.
fn python(cx: &Setup, generator: Generator, dir: &Path) -> Result<Vec<DriverResult>, String> {
    let package = if generator == Generator::OagPython {
        cx.openapi_generator(generator, "python", dir)?;
        "verycloud_oag"
    } else {
        run(
            Command::new(cx.python_bin.join("openapi-python-client"))
                .args(["generate", "--meta", "none", "--path"])
                .arg(&cx.document)
                .arg("--output-path")
                .arg(dir.join("verycloud_opc")),
            &cx.log(generator, "generate"),
        )?;
        "verycloud_opc"
    };
    let python = cx.python_bin.join("python");
    run(
        Command::new(&python)
            .args(["-m", "compileall", "-q"])
            .arg(dir.join(package)),
        &cx.log(generator, "build"),
    )?;
    run(
        Command::new(&python)
            .args(["-c", &format!("import {package}.models")])
            .env("PYTHONPATH", dir),
        &cx.log(generator, "import"),
    )?;
    let results = dir.join("results.json");
    run(
        Command::new(&python)
            .arg(harness_dir(&cx.root).join("decode.py"))
            .arg(format!("{package}.models"))
            .arg(&cx.examples_file)
            .arg(&results)
            .env("PYTHONPATH", dir),
        &cx.log(generator, "decode"),
    )?;
    read_results(&results)
}

/// openapi-generator `typescript-fetch`: generate, compile the client and `decode.ts` with
/// `tsc --strict`, run the driver with node.
fn typescript_fetch(cx: &Setup, dir: &Path) -> Result<Vec<DriverResult>, String> {
    let generator = Generator::OagTypescriptFetch;
    cx.openapi_generator(generator, "typescript-fetch", &dir.join("client"))?;
    fs::copy(
        harness_dir(&cx.root).join("decode.ts"),
        dir.join("decode.ts"),
    )
    .map_err(|e| e.to_string())?;
    let types = cx.node_bin.parent().map(|m| m.join("@types"));
    let tsconfig = serde_json::json!({
        "compilerOptions": {
            "strict": true,
            "target": "es2020",
            "module": "commonjs",
            "lib": ["es2020", "dom"],
            "outDir": "out",
            "types": ["node"],
            "typeRoots": [types],
        },
        "include": ["decode.ts", "client/**/*.ts"],
    });
    fs::write(dir.join("tsconfig.json"), tsconfig.to_string()).map_err(|e| e.to_string())?;
    run(
        Command::new(cx.node_bin.join("tsc"))
            .arg("-p")
            .arg(dir.join("tsconfig.json")),
        &cx.log(generator, "build"),
    )?;
    let results = dir.join("results.json");
    run(
        Command::new("node")
            .arg(dir.join("out").join("decode.js"))
            .arg(&cx.examples_file)
            .arg(&results),
        &cx.log(generator, "decode"),
    )?;
    read_results(&results)
}

/// openapi-typescript: types only, so "decoding" an example is `tsc --strict` accepting it as
/// a value of its component's type (excess members and wrong literal types are errors). Each
/// example is one line of `examples.ts`, so each error names its example.
fn openapi_typescript(
    cx: &Setup,
    dir: &Path,
    examples: &[Example],
) -> Result<Vec<DriverResult>, String> {
    let generator = Generator::OpenapiTypescript;
    let schema = dir.join("schema.d.ts");
    run(
        Command::new(cx.node_bin.join("openapi-typescript"))
            .arg(&cx.document)
            .arg("-o")
            .arg(&schema),
        &cx.log(generator, "generate"),
    )?;
    run(
        Command::new(cx.node_bin.join("tsc"))
            .args(["--strict", "--noEmit"])
            .arg(&schema),
        &cx.log(generator, "build"),
    )?;
    let header =
        "import type { components } from \"./schema\";\ntype S = components[\"schemas\"];\n";
    let mut text = header.to_owned();
    for (index, example) in examples.iter().enumerate() {
        let _ = writeln!(
            text,
            "export const example{index}: S[{:?}] = {};",
            example.component, example.json
        );
    }
    fs::write(dir.join("examples.ts"), text).map_err(|e| e.to_string())?;
    let log = cx.log(generator, "decode");
    // Failing is expected when an example does not fit; the log says which.
    let _ = run(
        Command::new(cx.node_bin.join("tsc"))
            .args(["--strict", "--noEmit", "--pretty", "false"])
            .arg(dir.join("examples.ts")),
        &log,
    );
    let output = fs::read_to_string(&log).map_err(|e| e.to_string())?;
    let first_line = header.lines().count() + 1;
    Ok(examples
        .iter()
        .enumerate()
        .map(|(index, example)| {
            let marker = format!("examples.ts({},", first_line + index);
            let error = output
                .lines()
                .find(|line| line.contains(&marker))
                .map(|line| line.split_once("): ").map_or(line, |(_, e)| e).to_owned());
            DriverResult {
                id: example.id.clone(),
                decoded: error.is_none(),
                error,
                reencoded: None,
            }
        })
        .collect())
}

/// openapi-generator `rust` and progenitor: a cargo workspace of the client and a driver
/// (`rust/decode.rs` with a `dispatch.rs` naming each component's generated type), built in
/// `target/openapi-clients/cargo`.
fn rust(
    cx: &Setup,
    generator: Generator,
    dir: &Path,
    examples: &[Example],
) -> Result<Vec<DriverResult>, String> {
    let client = dir.join("client");
    let (crate_name, module) = if generator == Generator::OagRust {
        cx.openapi_generator(generator, "rust", &client)?;
        ("verycloud_oag", "models")
    } else {
        progenitor_crate(cx, &client).map_err(|e| e.to_string())?;
        ("verycloud_progenitor", "types")
    };
    let driver = format!("decode-{}", generator.slug());
    let write = |path: PathBuf, text: String| fs::write(path, text).map_err(|e| e.to_string());
    write(
        dir.join("Cargo.toml"),
        "# Written by `cargo xtask openapi-clients`.\n[workspace]\nresolver = \"2\"\n\
         members = [\"client\", \"decode\"]\n"
            .to_owned(),
    )?;
    fs::create_dir_all(dir.join("decode").join("src")).map_err(|e| e.to_string())?;
    write(
        dir.join("decode").join("Cargo.toml"),
        format!(
            "[package]\nname = \"{driver}\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             publish = false\n\n[dependencies]\n\
             client = {{ package = \"{crate_name}\", path = \"../client\" }}\n\
             serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n"
        ),
    )?;
    fs::copy(
        harness_dir(&cx.root).join("rust").join("decode.rs"),
        dir.join("decode").join("src").join("main.rs"),
    )
    .map_err(|e| e.to_string())?;
    let mut components: Vec<&str> = examples.iter().map(|e| e.component.as_str()).collect();
    components.sort_unstable();
    components.dedup();
    let mut dispatch = String::from("models! {\n");
    for component in components {
        let _ = writeln!(
            dispatch,
            "    {component:?} => client::{module}::{component},"
        );
    }
    dispatch.push_str("}\n");
    write(dir.join("decode").join("src").join("dispatch.rs"), dispatch)?;

    let target = cx.work.join("cargo");
    let cargo = |step: &str, args: &[&str]| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        run(
            Command::new(cargo)
                .args(args)
                .arg("--manifest-path")
                .arg(dir.join("Cargo.toml"))
                .env("CARGO_TARGET_DIR", &target)
                .env_remove("RUSTFLAGS"),
            &cx.log(generator, step),
        )
    };
    cargo("build", &["build", "--quiet", "-p", crate_name])?;
    cargo("build-driver", &["build", "--quiet", "-p", &driver])?;
    let results = dir.join("results.json");
    run(
        Command::new(target.join("debug").join(&driver))
            .arg(&cx.examples_file)
            .arg(&results),
        &cx.log(generator, "decode"),
    )?;
    read_results(&results)
}

/// progenitor's client as its README shows it: a crate whose `lib.rs` is
/// `progenitor::generate_api!`, with the dependencies the generated code names.
fn progenitor_crate(cx: &Setup, client: &Path) -> Result<()> {
    fs::create_dir_all(client.join("src"))?;
    fs::copy(&cx.document, client.join("openapi.json")).context("copy the document")?;
    let v = PROGENITOR_VERSION;
    fs::write(
        client.join("Cargo.toml"),
        format!(
            "[package]\nname = \"verycloud_progenitor\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             publish = false\n\n[dependencies]\n\
             progenitor = {{ version = \"={v}\", default-features = false, features = [\"macro\"] }}\n\
             progenitor-client = \"={v}\"\n\
             reqwest = {{ version = \"0.13\", default-features = false, features = [\"json\", \"query\", \"stream\"] }}\n\
             serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\
             serde_urlencoded = \"0.7\"\nbytes = \"1\"\nfutures = \"0.3\"\nfutures-core = \"0.3\"\n\
             regress = \"0.10\"\n\
             chrono = {{ version = \"0.4\", default-features = false, features = [\"serde\"] }}\n"
        ),
    )?;
    fs::write(
        client.join("src").join("lib.rs"),
        "//! progenitor's client of the VeryCloud API.\nprogenitor::generate_api!(\"openapi.json\");\n",
    )?;
    Ok(())
}

/// Installs the tools, generates and runs every generator in `only` (all when empty).
///
/// # Errors
/// When a tool cannot be installed.
pub fn prepare(root: &Path, work: &Path) -> Result<(PathBuf, PathBuf)> {
    let python_bin = tools::python(root, work)?;
    let node_bin = tools::node(root, work)?;
    Ok((python_bin, node_bin))
}
