import type { Command } from '../command';

export const command: Command = async () => {
  console.error('darkvec simulate: not implemented yet');
  return 2;
};
