import type { Command } from '../command';

export const command: Command = async () => {
  console.error('darkvec train: not implemented yet');
  return 2;
};
