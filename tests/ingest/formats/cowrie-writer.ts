// Cowrie JSON logs for tests: each attacker one session of `events` events
// (a connect to port 22, then failed logins), a minute apart, sessions an hour apart.
export function cowrieLog(attackers: readonly string[], start: number, events = 12): string {
  const lines: string[] = [];
  attackers.forEach((ip, s) => {
    const session = `s${s}`;
    for (let e = 0; e < events; e++) {
      const timestamp = new Date((start + 3600 * (s % 20) + 60 * e) * 1000).toISOString();
      lines.push(JSON.stringify(e === 0
        ? { eventid: 'cowrie.session.connect', src_ip: ip, dst_port: 22, session, timestamp }
        : { eventid: 'cowrie.login.failed', src_ip: ip, session, username: 'root', password: `p${e}`, timestamp }));
    }
  });
  return lines.join('\n') + '\n';
}
