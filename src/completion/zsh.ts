import { bashCompletion } from './bash.js';
import type { CompletionModel } from './model.js';

/**
 * A zsh completion script. NOTE: it runs the bash script through zsh's bashcompinit rather than a
 * second, native implementation: one completion logic to keep right (and the one the tests run).
 */
export function zshCompletion(m: CompletionModel): string {
  return [
    `#compdef ${m.program}`,
    `# zsh completion for ${m.program}: source <(${m.program} completion zsh)   (after compinit)`,
    'autoload -U +X bashcompinit && bashcompinit',
    bashCompletion(m),
  ].join('\n');
}
