import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/db.ts";

/** Whether a command runs here at all (docker, docker compose, systemd-analyze are not everywhere). */
function runs(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: "ignore" }).status === 0;
}

interface ComposeService {
  build?: unknown;
  image?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

describe("packaging", () => {
  it("compose.yaml: nhacviec with Redis, the data on a volume, PostgreSQL only as a profile", () => {
    if (runs("docker", ["compose", "version"])) {
      const r = spawnSync("docker", ["compose", "-f", "compose.yaml", "config", "--quiet"], {
        encoding: "utf8",
      });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
    } else {
      console.info("docker compose is not installed here: checking compose.yaml's structure only");
    }
    const compose = load(readFileSync("compose.yaml", "utf8")) as {
      services: Record<string, ComposeService>;
      volumes: Record<string, unknown>;
    };
    const { nhacviec, redis, postgres } = compose.services;
    expect(nhacviec?.build).toBe(".");
    expect(nhacviec?.environment?.REDIS_URL).toBe("redis://redis:6379");
    expect(nhacviec?.environment?.DB_PATH).toMatch(/^\/data\//);
    expect(nhacviec?.volumes).toContain("nhacviec-data:/data");
    expect(nhacviec?.depends_on?.redis?.condition).toBe("service_healthy");
    expect(nhacviec?.profiles).toBeUndefined();
    expect(redis?.healthcheck?.test).toContain("ping");
    expect(postgres?.profiles).toEqual(["postgres"]);
    for (const v of ["nhacviec-data", "redis-data", "postgres-data"])
      expect(compose.volumes).toHaveProperty(v);
    // Every variable the compose file sets is one the program reads (HTTP_PORT arrives with the HTTP
    // server, built on another branch at the same time).
    const example = readFileSync(".env.example", "utf8");
    for (const name of Object.keys(nhacviec?.environment ?? {}).filter((n) => n !== "HTTP_PORT"))
      expect(example, `${name} in .env.example`).toMatch(new RegExp(`^#? ?${name}=`, "m"));
  });

  it("Dockerfile: two stages, Node 20 slim, a non-root user, /data a volume, a health check on /healthz", () => {
    const text = readFileSync("Dockerfile", "utf8");
    const froms = text.match(/^FROM .*/gm) ?? [];
    expect(froms).toHaveLength(2);
    for (const f of froms) expect(f).toMatch(/node:20-[a-z]+-slim/);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(text).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(readFileSync(".dockerignore", "utf8")).toMatch(/^\.env$/m);
    if (!runs("docker", ["info"])) {
      console.info("no Docker daemon here: the image is not built");
      return;
    }
    const r = spawnSync("docker", ["build", "-q", "-t", "nhacviec:test", "."], {
      encoding: "utf8",
      timeout: 600_000,
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 660_000);

  it("deploy/nhacviec.service passes systemd-analyze verify, hardened", () => {
    const unit = readFileSync("deploy/nhacviec.service", "utf8");
    for (const line of [
      "NoNewPrivileges=yes",
      "ProtectSystem=strict",
      "ProtectHome=yes",
      "PrivateTmp=yes",
      "CapabilityBoundingSet=",
      "User=nhacviec",
    ])
      expect(unit).toMatch(new RegExp(`^${line}$`, "m"));
    expect(unit).toMatch(/^ReadWritePaths=\/var\/lib\/nhacviec\b/m);
    if (!runs("systemd-analyze", ["--version"])) {
      console.info("systemd-analyze is not installed here: the unit is not verified");
      return;
    }
    // verify wants ExecStart's binary to exist: point it at this node when /usr/bin/node is absent.
    const file = join(tempDir(), "nhacviec.service");
    writeFileSync(
      file,
      existsSync("/usr/bin/node") ? unit : unit.replaceAll("/usr/bin/node", process.execPath),
    );
    const r = spawnSync("systemd-analyze", ["verify", file], { encoding: "utf8" });
    expect(r.stderr).toBe(""); // unknown keys are only warnings, but warnings mean a typo
    expect(r.status).toBe(0);
  });
});
