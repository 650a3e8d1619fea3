/** File names that hold credentials: the chat tools refuse to read them unless the user allows that file once. */
const SECRET_NAMES = new Set([
  'credentials', 'credentials.json', 'credentials.yml', 'credentials.yaml', 'credentials.xml',
  '.npmrc', '.pypirc', '.netrc', '_netrc', '.pgpass', '.git-credentials', '.htpasswd', '.dockercfg',
  'kubeconfig', 'secrets.yml', 'secrets.yaml', 'secrets.json', 'secrets.toml', 'master.key',
  'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'known_hosts', 'authorized_keys',
]);
const SECRET_EXTENSIONS = ['.pem', '.key', '.p12', '.pfx', '.jks', '.keystore', '.crt', '.cer', '.der', '.p8', '.csr', '.gpg', '.asc', '.ppk', '.tfvars', '.tfstate', '.kdbx'];
const SECRET_DIRS = new Set(['.ssh', '.aws', '.gnupg', '.azure', '.kube', '.docker']);

/** True when a workspace-relative path (forward slashes) names a secrets file or lies in a credentials folder. */
export function isSecretsFile(relPath: string): boolean {
  const parts = relPath.split('/').filter(Boolean);
  const name = (parts.at(-1) ?? '').toLowerCase();
  if (parts.slice(0, -1).some((p) => SECRET_DIRS.has(p.toLowerCase()))) return true;
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) return true;
  if (SECRET_NAMES.has(name)) return true;
  if (/^id_(rsa|dsa|ecdsa|ed25519)/.test(name)) return true;
  if (/^(service[-_]?account|gcp[-_]?key|client[-_]secret).*\.json$/.test(name)) return true;
  return SECRET_EXTENSIONS.some((ext) => name.endsWith(ext));
}
