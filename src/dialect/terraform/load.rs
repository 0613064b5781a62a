//! Reading a Terraform module directory: its `.tf` and `.tf.json` files, the variable files
//! that set its inputs, and the local modules it calls, each instance with the call that
//! made it.

use std::path::{Component, Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::source::sources::Sources;
use crate::source::span::Span;
use crate::source::tree::{Node, Value};
use crate::source::{self, ParseError, json::parse_json};

use super::config::Block;
use super::{hcl, tfjson};

/// How deep module calls are followed: real configurations nest two or three levels.
const MAX_MODULE_DEPTH: usize = 8;

/// One module directory, parsed.
#[derive(Debug)]
pub struct Module {
    pub dir: PathBuf,
    pub blocks: Vec<Block>,
    variables: FxHashMap<String, usize>,
    /// A local's block and its position in that block's body.
    locals: FxHashMap<String, (usize, usize)>,
    data: FxHashMap<(String, String), usize>,
}

impl Module {
    fn new(dir: PathBuf, blocks: Vec<Block>) -> Self {
        let mut module = Module {
            dir,
            blocks,
            variables: FxHashMap::default(),
            locals: FxHashMap::default(),
            data: FxHashMap::default(),
        };
        for (index, block) in module.blocks.iter().enumerate() {
            let label = |i: usize| block.label(i).map(|l| l.value.clone());
            match block.kind.as_str() {
                "variable" => {
                    if let Some(name) = label(0) {
                        module.variables.insert(name, index);
                    }
                }
                "locals" => {
                    for (at, entry) in block
                        .body
                        .as_object()
                        .unwrap_or_default()
                        .iter()
                        .enumerate()
                    {
                        module.locals.insert(entry.key.to_string(), (index, at));
                    }
                }
                "data" => {
                    if let (Some(kind), Some(name)) = (label(0), label(1)) {
                        module.data.insert((kind, name), index);
                    }
                }
                _ => {}
            }
        }
        module
    }

    pub fn variable(&self, name: &str) -> Option<&Block> {
        self.variables.get(name).map(|&i| &self.blocks[i])
    }

    /// A local's value and the span of its name.
    pub fn local(&self, name: &str) -> Option<(&Node<'static>, Span)> {
        let &(block, at) = self.locals.get(name)?;
        let entry = &self.blocks[block].body.as_object()?[at];
        Some((&entry.value, entry.key_span))
    }

    pub fn data(&self, kind: &str, name: &str) -> Option<&Block> {
        self.data
            .get(&(kind.to_string(), name.to_string()))
            .map(|&i| &self.blocks[i])
    }
}

/// A module as instantiated: the root, or a `module` block's call of a local module.
#[derive(Debug)]
pub struct Instance {
    pub module: usize,
    /// Prepended to the addresses of the instance's resources: `module.api.`.
    pub prefix: String,
    pub call: Option<Call>,
}

#[derive(Debug)]
pub struct Call {
    /// The calling instance.
    pub caller: usize,
    /// The `module` block in the caller's module.
    pub block: usize,
    pub name: String,
}

/// A root module and everything it calls.
#[derive(Debug, Default)]
pub struct Unit {
    pub modules: Vec<Module>,
    pub instances: Vec<Instance>,
    /// Values set by `terraform.tfvars` and `*.auto.tfvars(.json)`, later files winning.
    pub tfvars: FxHashMap<String, Node<'static>>,
    /// Files that could not be parsed, located in the sources.
    pub errors: Vec<ParseError>,
    /// Files that could not be read, with why.
    pub unreadable: Vec<(String, String)>,
    /// What was not followed (registry modules), for `--verbose`.
    pub notes: Vec<String>,
}

impl Unit {
    fn add_root(&mut self, module: Module) {
        self.modules.push(module);
        self.instances.push(Instance {
            module: self.modules.len() - 1,
            prefix: String::new(),
            call: None,
        });
    }

    pub fn module_of(&self, instance: usize) -> &Module {
        &self.modules[self.instances[instance].module]
    }
}

/// Whether a file is Terraform configuration.
pub fn is_configuration(name: &str) -> bool {
    name.ends_with(".tf") || name.ends_with(".tf.json")
}

/// Loads the module in `dir` from `files` (its configuration files, sorted), and the local
/// modules it calls.
pub fn load(dir: &Path, files: &[PathBuf], sources: &mut Sources) -> Unit {
    let mut unit = Unit::default();
    let blocks = read_files(files, sources, &mut unit);
    read_tfvars(dir, sources, &mut unit);
    unit.add_root(Module::new(dir.to_path_buf(), blocks));
    let installed = installed_modules(dir);
    let mut next = 0;
    while next < unit.instances.len() {
        calls(next, dir, &installed, sources, &mut unit);
        next += 1;
    }
    unit
}

/// Loads one configuration file given as text (standard input); it calls no modules.
pub fn load_text(name: &str, text: &str, sources: &mut Sources) -> Unit {
    let mut unit = Unit::default();
    let base = sources.add(name.to_string(), text);
    let blocks = parse_file(name, text, base, &mut unit);
    unit.add_root(Module::new(PathBuf::from("."), blocks));
    unit
}

/// The configuration files of a directory, sorted as Terraform reads them.
pub fn configuration_files(dir: &Path) -> Vec<PathBuf> {
    files_named(dir, is_configuration)
}

/// The files of a directory whose names `keep` accepts, sorted by name.
fn files_named(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.file_name().and_then(|n| n.to_str()).is_some_and(&keep))
        .collect();
    files.sort();
    files
}

/// Instantiates the modules that instance `index` calls.
fn calls(
    index: usize,
    root: &Path,
    installed: &FxHashMap<String, PathBuf>,
    sources: &mut Sources,
    unit: &mut Unit,
) {
    let depth = unit.instances[index].prefix.matches("module.").count();
    let module = unit.instances[index].module;
    let mut found = Vec::new();
    for (at, block) in unit.modules[module].blocks.iter().enumerate() {
        if block.kind != "module" {
            continue;
        }
        let Some(name) = block.label(0).map(|l| l.value.clone()) else {
            continue;
        };
        let source = block
            .body
            .get("source")
            .and_then(Node::as_str)
            .unwrap_or_default();
        let key = key_of(unit, index, &name);
        let dir = if source.starts_with("./") || source.starts_with("../") {
            Some(normalize(&unit.modules[module].dir.join(source)))
        } else {
            installed.get(&key).map(|dir| normalize(&root.join(dir)))
        };
        match dir {
            Some(dir) => found.push((at, name, dir)),
            None => unit.notes.push(format!(
                "module `{key}` comes from `{source}`, which is not installed here; its inputs and resources are unknown"
            )),
        }
    }
    for (block, name, dir) in found {
        if depth >= MAX_MODULE_DEPTH || ancestors(unit, index).any(|m| unit.modules[m].dir == dir) {
            continue;
        }
        let module = match unit.modules.iter().position(|m| m.dir == dir) {
            Some(existing) => existing,
            None => {
                let files = configuration_files(&dir);
                let blocks = read_files(&files, sources, unit);
                unit.modules.push(Module::new(dir, blocks));
                unit.modules.len() - 1
            }
        };
        let prefix = format!("{}module.{name}.", unit.instances[index].prefix);
        unit.instances.push(Instance {
            module,
            prefix,
            call: Some(Call {
                caller: index,
                block,
                name,
            }),
        });
    }
}

/// The modules an instance is inside, itself included.
fn ancestors(unit: &Unit, mut index: usize) -> impl Iterator<Item = usize> + '_ {
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let instance = &unit.instances[index];
        match &instance.call {
            Some(call) => index = call.caller,
            None => done = true,
        }
        Some(instance.module)
    })
}

/// A module call's key in `.terraform/modules/modules.json`: `api`, `api.sidecar`.
fn key_of(unit: &Unit, caller: usize, name: &str) -> String {
    let parent = unit.instances[caller].prefix.replace("module.", "");
    format!("{parent}{name}")
}

/// Where `terraform init` installed registry and git modules.
fn installed_modules(root: &Path) -> FxHashMap<String, PathBuf> {
    let path = root.join(".terraform/modules/modules.json");
    let Ok(text) = std::fs::read_to_string(path) else {
        return FxHashMap::default();
    };
    let Ok(node) = parse_json(&text) else {
        return FxHashMap::default();
    };
    let entries = node
        .get("Modules")
        .and_then(Node::as_array)
        .unwrap_or_default();
    entries
        .iter()
        .filter_map(|m| {
            let key = m.get("Key")?.as_str()?;
            let dir = m.get("Dir")?.as_str()?;
            (!key.is_empty()).then(|| (key.to_string(), PathBuf::from(dir)))
        })
        .collect()
}

fn read_files(files: &[PathBuf], sources: &mut Sources, unit: &mut Unit) -> Vec<Block> {
    let mut blocks = Vec::new();
    for path in files {
        if let Some((text, base)) = read(path, sources, unit) {
            blocks.extend(parse_file(&path.to_string_lossy(), &text, base, unit));
        }
    }
    blocks
}

fn parse_file(name: &str, text: &str, base: usize, unit: &mut Unit) -> Vec<Block> {
    let parsed = if name.ends_with(".json") {
        parse_json(text)
            .map(|root| tfjson::blocks(&root, text, base))
            .map_err(|e| ParseError::new(e.message, e.span.shifted(base)))
    } else {
        hcl::parse(text, base)
    };
    parsed.unwrap_or_else(|error| {
        unit.errors.push(error);
        Vec::new()
    })
}

/// Reads a file into the sources; `None` (with the reason recorded) when it cannot be.
fn read(path: &Path, sources: &mut Sources, unit: &mut Unit) -> Option<(String, usize)> {
    let name = crate::display_path(path);
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            unit.unreadable.push((name, error.to_string()));
            return None;
        }
    };
    match source::decode(&bytes) {
        Ok(text) => {
            let base = sources.add(name, text);
            Some((text.to_string(), base))
        }
        Err(error) => {
            let base = sources.add(name, &String::from_utf8_lossy(&bytes));
            unit.errors.push(ParseError::new(
                error.message,
                Span::at(error.span.start as usize + base),
            ));
            None
        }
    }
}

/// `terraform.tfvars`, then `*.auto.tfvars` and their `.json` forms in name order, as
/// Terraform applies them.
fn read_tfvars(dir: &Path, sources: &mut Sources, unit: &mut Unit) {
    let mut files = files_named(dir, |n| {
        n.ends_with(".auto.tfvars") || n.ends_with(".auto.tfvars.json")
    });
    for first in ["terraform.tfvars.json", "terraform.tfvars"] {
        let path = dir.join(first);
        if path.is_file() {
            files.insert(0, path);
        }
    }
    for path in files {
        let Some((text, base)) = read(&path, sources, unit) else {
            continue;
        };
        let values = if path.to_string_lossy().ends_with(".json") {
            parse_json(&text)
                .map(|root| root.to_owned_at(base))
                .map_err(|e| ParseError::new(e.message, e.span.shifted(base)))
        } else {
            hcl::values(&text, base)
        };
        match values {
            Ok(Node {
                value: Value::Object(entries),
                ..
            }) => {
                for entry in entries {
                    unit.tfvars.insert(entry.key.to_string(), entry.value);
                }
            }
            Ok(_) => {}
            Err(error) => unit.errors.push(error),
        }
    }
}

/// `a/./b/../c` as `a/c`, without touching the file system (the directory may be a
/// symlink, and reports show paths as the user gave them).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}
