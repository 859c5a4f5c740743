import type { Command } from '../command';

export const command: Command = async () => {
  console.error('darkvec corpus: not implemented yet');
  return 2;
};
