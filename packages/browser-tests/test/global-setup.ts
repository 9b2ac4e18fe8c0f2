import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * Rebuilds the browser bundle (the package's build script, budget check included) so that the page
 * always loads the current code of @zmtp/patterns and @zmtp/transport-ws (their dist/).
 */
export default function setup(): void {
  const script = fileURLToPath(new URL('../scripts/bundle.mjs', import.meta.url))
  execFileSync(process.execPath, [script], { stdio: 'inherit' })
  execFileSync(process.execPath, [script, '--entry', 'webrtc'], { stdio: 'inherit' })
  execFileSync(process.execPath, [script, '--entry', 'majordomo'], { stdio: 'inherit' })
}
