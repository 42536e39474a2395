/** The Node.js major version Lambda runs the functions on (infra/function.ts), and the one to use locally. */
export const SUPPORTED_NODE_MAJOR = 22;

/**
 * On an older Node.js, one line saying which version is supported, and the AWS SDK's own
 * multi-line notice about the same thing switched off; on the supported version, nothing.
 */
export function nodeVersionNotice(
  version = process.versions.node,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const major = Number(version.split('.')[0]);
  if (major >= SUPPORTED_NODE_MAJOR) return undefined;
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  return `Note: running on Node.js ${version}; Node.js ${SUPPORTED_NODE_MAJOR} (what Lambda runs) is the supported version.`;
}
