import type { Command } from '../command';

export const command: Command = async () => {
  console.error('darkvec analyze: not implemented yet');
  return 2;
};
