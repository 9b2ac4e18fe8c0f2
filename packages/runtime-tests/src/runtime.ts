/** Names the JavaScript runtime this process runs in, with its version, for the suite's report. */
export function runtimeName(): string {
  const global = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string } } }
  if (global.Bun) return `bun ${global.Bun.version}`
  if (global.Deno) return `deno ${global.Deno.version.deno}`
  return `node ${process.versions.node}`
}
