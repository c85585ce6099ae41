/** @module platform: reads an OCI platform string ("linux/arm64", "windows/amd64") into Berth's os and architecture. */

export interface Platform {
  os?: 'linux' | 'windows';
  architecture?: 'x86_64' | 'arm64';
}

/** The os and architecture of `os/arch[/variant]`, or null when either part is not one Berth knows. */
export function parsePlatform(text: string): Platform | null {
  const [os = '', arch = ''] = text.trim().toLowerCase().split('/');
  const out: Platform = {};
  if (os === 'linux' || os === 'windows') out.os = os;
  else return null;
  if (arch === '') return out;
  const architecture = readArchitecture(arch);
  if (architecture === null) return null;
  out.architecture = architecture;
  return out;
}

/** `amd64`, `x86_64` and `X86_64` are one architecture; `arm64` and `aarch64` another. */
export function readArchitecture(text: string): 'x86_64' | 'arm64' | null {
  const arch = text.trim().toLowerCase();
  if (arch === 'amd64' || arch === 'x86_64' || arch === 'x86-64') return 'x86_64';
  if (arch === 'arm64' || arch === 'aarch64') return 'arm64';
  return null;
}
