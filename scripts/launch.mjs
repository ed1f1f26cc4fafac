// `npm start` and `npm run cli` come through here: run the compiled JavaScript of src/, compiling it first
// when src/ changed. Plain JavaScript on purpose: it must run before anything is compiled.
//
// Why: loading the TypeScript sources through tsx costs ~2 s before the first line of our code runs
// (its loader hooks resolve and transform every module on each start). esbuild turns src/ into a few
// bundled files in ~0.3 s, once; every later start only hashes the sources to see that nothing changed.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const srcDir = join(root, "src");
const buildDir = join(root, ".build");
const entries = { main: "src/main.ts", cli: "src/cli/index.ts" };
/** Builds kept besides the newest: a running bot may still import a lazy chunk of its own build. */
const KEEP = 3;

/**
 * A name for the sources as they are: every file's path and content (not mtimes, which a checkout or a
 * container copy changes), the packages, Node's version, and where the tree is (the build refers to it).
 */
function fingerprint() {
  const hash = createHash("sha256").update(`${root}\0${process.version}\0`);
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) hash.update(`${relative(root, p)}\0`).update(readFileSync(p));
    }
  };
  walk(srcDir);
  for (const f of ["package.json", "scripts/launch.mjs"]) hash.update(readFileSync(join(root, f)));
  return hash.digest("hex").slice(0, 16);
}

/**
 * Source files resolve their data (migrations/, locales/, assets/) from import.meta.url; a bundle
 * would move them, so each keeps the URL of its own source file.
 */
const keepSourceUrls = {
  name: "keep-source-urls",
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      const url = JSON.stringify(pathToFileURL(args.path).href);
      const loader = args.path.endsWith(".tsx") ? "tsx" : "ts";
      return { contents: text.replaceAll("import.meta.url", url), loader };
    });
  },
};

/**
 * Packages stay in node_modules, except small pure-JS ones made of many ES modules (date-fns alone is
 * hundreds of files): bundled, they cost one file read instead of hundreds of module resolutions.
 */
const INLINE = new Set([
  "date-fns",
  "@date-fns/tz",
  "zod",
  "drizzle-orm",
  "@fluent/bundle",
  "commander",
  "csv-parse",
  "csv-stringify",
  "bullmq",
  "ioredis",
]);
/** Never bundled: native code found at run time, and a worker-thread logger that loads files by name. */
const ALWAYS_EXTERNAL = ["msgpackr-extract", "pino", "thread-stream"];

function externals() {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter((name) => !INLINE.has(name))
    .concat(ALWAYS_EXTERNAL)
    .flatMap((name) => [name, `${name}/*`]);
}

export async function build(target) {
  const esbuild = await import("esbuild");
  const tmp = join(buildDir, `tmp-${process.pid}-${Date.now()}`);
  await esbuild.build({
    entryPoints: Object.entries(entries).map(([out, inFile]) => ({ out, in: join(root, inFile) })),
    outdir: tmp,
    bundle: true,
    splitting: true, // dynamic import() of exports, charts and platforms become chunks loaded on use
    format: "esm",
    platform: "node",
    target: "node20",
    external: externals(),
    sourcemap: "linked",
    minify: true, // ~10 % less to parse at each start; the linked source maps keep stack traces readable
    keepNames: true,
    logLevel: "warning",
    // The CommonJS packages bundled in (commander) call require() for Node's own modules.
    banner: {
      js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);',
    },
    plugins: [keepSourceUrls],
  });
  try {
    renameSync(tmp, target); // atomic: a concurrent start sees the whole build or none
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another start built the same sources first
  }
  const others = readdirSync(buildDir)
    .filter((d) => join(buildDir, d) !== target && !d.startsWith("tmp-"))
    .map((d) => ({ d, t: statSync(join(buildDir, d)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { d } of others.slice(KEEP)) {
    try {
      rmSync(join(buildDir, d), { recursive: true, force: true });
    } catch {
      // another user's build (a root `npm run build` before a service's own): theirs to remove
    }
  }
}

/** The directory of an up-to-date build, compiling one when the sources changed. */
export async function ensureBuilt() {
  const target = join(buildDir, fingerprint());
  try {
    statSync(join(target, "cli.js"));
  } catch {
    mkdirSync(buildDir, { recursive: true });
    await build(target);
  }
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const which = process.argv[2];
  if (which !== "main" && which !== "cli" && which !== "build") {
    process.stderr.write("usage: node scripts/launch.mjs main|cli|build [args…]\n");
    process.exit(2);
  }
  const dir = await ensureBuilt();
  if (which !== "build") {
    process.argv.splice(2, 1); // the program sees its own arguments where it expects them
    await import(pathToFileURL(join(dir, `${which}.js`)).href);
  }
}
