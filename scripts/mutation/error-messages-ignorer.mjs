/**
 * A Stryker ignorer for `npm run mutation` (stryker.config.mjs): the message of an error is text for
 * people (and so is the text of an applicability reason, below), so a mutant that only rewrites it says nothing about the tests. In this code an error's
 * message is the last argument of its constructor (`new RangeError(message)`,
 * `new WebhookUrlError(reason, message)`); the arguments before it (a reason code, the offending
 * text) are behaviour and stay mutated.
 */
const isErrorConstructor = (callee) => callee.type === 'Identifier' && /Error$/.test(callee.name);

/**
 * The `text` of an applicability reason is the same kind of text: the reason's `result` and
 * `condition` beside it are what the tests judge.
 */
const isReasonText = (parent) =>
  parent?.isObjectProperty() &&
  parent.node.key.type === 'Identifier' &&
  parent.node.key.name === 'text' &&
  parent.parentPath?.node.properties.some((p) => p.key?.name === 'result');

const errorMessages = {
  shouldIgnore(path) {
    if (!path.isStringLiteral() && !path.isTemplateLiteral()) return undefined;
    const parent = path.parentPath;
    if (isReasonText(parent)) return 'reason text';
    if (!parent?.isNewExpression() || !isErrorConstructor(parent.node.callee)) return undefined;
    const args = parent.node.arguments;
    return args[args.length - 1] === path.node ? 'error message text' : undefined;
  },
};

// The plugin shape of @stryker-mutator/api's declareValuePlugin(PluginKind.Ignore, ...).
export const strykerPlugins = [{ kind: 'Ignore', name: 'error-messages', value: errorMessages }];
