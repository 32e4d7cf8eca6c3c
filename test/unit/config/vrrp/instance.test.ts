import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './run.js';
import { stubHost } from '../../../support/stub-host.js';


test('a clean instance builds the model with keepalived defaults', () => {
  const r = run(`vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority 150
  advert_int 2
  authentication {
    auth_type PASS
    auth_pass secret
  }
  virtual_ipaddress {
    192.168.1.100/24 dev eth0 label eth0:1
  }
}`);
  assert.deepEqual(r.lines, []);
  assert.equal(r.exit, 0);
  const i = r.config.vrrp.instances[0];
  assert.ok(i);
  assert.equal(i.virtualRouterId, 51);
  assert.equal(i.priority, 150);
  assert.equal(i.advertIntMs, 2000);
  assert.equal(i.virtualAddresses[0]?.prefixLength, 24);
  assert.equal(i.virtualAddresses[0]?.label, 'eth0:1');
  assert.equal(i.authentication?.pass, 'secret');
});

test('parse-time messages and post-parse checks as keepalived 2.2.7 prints them', () => {
  const r = run(`vrrp_script chk1 {
  script "/nonexistent/x.sh"
  weight 300
  fall 0
}
vrrp_script chk2 {
  script "/bin/true"
}
vrrp_instance VI_1 {
  state MASTERX
  interface eth1
  virtual_router_id 1
  priority 255
  nopreempt
  authentication {
    auth_type XX
    auth_pass 123456789
  }
  track_script {
    chk1
    chk2 weight 10
    nosuch
  }
  track_interface {
    eth1 weight 300
  }
}
vrrp_instance VI_2 {
  state MASTER
  interface eth0
  virtual_router_id 1
  nopreempt
  advert_int 1.5
  virtual_ipaddress {
    10.0.0.1
  }
}
vrrp_instance VI_3 {
  interface eth0
  virtual_router_id 1
  virtual_ipaddress {
    10.0.0.2
  }
}`);
  assert.deepEqual(r.lines, [
    "(k.conf: Line 3) number '300' outside range [-253, 253]",
    '(k.conf: Line 3) vrrp_script chk1 weight 300 must be in [-253, 253]',
    "(k.conf: Line 4) number '0' outside range [1, 2147483647]",
    "(k.conf: Line 4) (chk1): vrrp script fall value '0' invalid, defaulting to 1",
    "(k.conf: Line 10) (VI_1) unknown state 'MASTERX', defaulting to BACKUP",
    "(k.conf: Line 16) (VI_1) unknown authentication type 'XX'",
    '(k.conf: Line 17) Truncating auth_pass to 8 characters',
    '(k.conf: Line 22) (VI_1) track script nosuch not found, ignoring...',
    "(k.conf: Line 25) number '300' outside range [-254, 254]",
    '(k.conf: Line 25) (VI_1) weight 300 for eth1 must be between [-253..253] inclusive. Ignoring...',
    'Disabling track script chk1 since not found/accessible',
    'SECURITY VIOLATION - scripts are being executed but script_security not enabled.',
    '(VI_1) No VIP specified; at least one is sensible',
    '(VI_1) nopreempt is incompatible with priority 255. resetting nopreempt',
    '(VI_1) ignoring tracked script chk2 with weights due to address_owner',
    '(VI_2) nopreempt is incompatible with priority 255. resetting nopreempt',
    '(VI_2) VRRPv2 advertisement interval 1.500000s must be an integer. rounding',
    'VI_2 and VI_3 both use VRID 1 with IPv4 on interface eth0',
  ]);
  assert.equal(r.exit, 6);
});

test('a missing interface stops keepalived before the post-parse checks', () => {
  const r = run(`vrrp_script chk2 {
  script "/bin/true"
}
vrrp_instance VI_1 {
  interface eth9
  virtual_router_id 1
  track_script {
    chk2
  }
}`);
  assert.deepEqual(r.lines, [
    "(k.conf: Line 5) WARNING - interface eth9 for vrrp_instance VI_1 doesn't exist",
    'Non-existent interface specified in configuration',
  ]);
  assert.equal(r.exit, 5);
});

test('virtual_ipaddress lines', () => {
  const r = run(`vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 1
  virtual_ipaddress {
   10.0.0.5/33
   10.0.0.08
   10.0.0.11 bogus
   10.0.0.12/24 scope bogus
   fe80::1/64
   10.0.0.13 label
  }
}`);
  assert.deepEqual(r.lines, [
    "(k.conf: Line 5) number '33' outside range [0, 32]",
    '(k.conf: Line 5) Invalid address prefix len 33 for address 10.0.0.5/33 - using 32',
    '(k.conf: Line 6) VRRP parsed invalid IP 10.0.0.08. skipping IP...',
    "(k.conf: Line 7) Unknown configuration entry 'bogus' for ip address - ignoring",
    "(k.conf: Line 8) Invalid scope 'bogus' specified for 10.0.0.12/24 - ignoring",
    '(k.conf: Line 9) (VI_1): address family must match VRRP instance [fe80::1/64] - ignoring',
    '(k.conf: Line 10) No label parameter specified for 10.0.0.13',
  ]);
});

const vi = (name: string, vrid: number, body: string): string =>
  `vrrp_instance ${name} {\n    interface eth0\n    virtual_router_id ${vrid}\n${body}\n}\n`;
const vip = '    virtual_ipaddress {\n        10.0.0.1\n    }';
const auth = (type: string) => `    authentication {\n        auth_type ${type}\n        auth_pass 1111\n    }`;

// As keepalived 2.2.7 -t printed them in a namespace (each once: keepalived prints some twice).
test("authentication, initial MASTER, nopreempt and preempt_delay are judged in keepalived's order, clearing what it clears", () => {
  const r = run([
    vi('VI_1', 1, `    state MASTER\n    version 3\n    priority 100\n    nopreempt\n    preempt_delay 5\n${vip}\n${auth('PASS')}`),
    vi('VI_2', 2, `    state MASTER\n    priority 100\n${vip}\n${auth('AH')}`),
    vi('VI_3', 3, `    state MASTER\n    version 2\n    priority 100\n    virtual_ipaddress {\n        2001:db8::1\n    }\n${auth('AH')}`),
    vi('VI_4', 4, `    state MASTER\n    priority 100\n    nopreempt\n    preempt_delay 5\n${vip}\n${auth('AH')}`),
    vi('VI_5', 5, `    state MASTER\n    priority 255\n${vip}\n${auth('AH')}`),
    // IPv6 without a version of its own is checked as VRRPv3.
    vi('VI_6', 6, `    virtual_ipaddress {\n        2001:db8::2\n    }\n${auth('AH')}`),
  ].join(''));
  assert.deepEqual(r.lines, [
    '(VI_1) VRRP version 3 does not support authentication. Ignoring.',
    '(VI_1) Warning - nopreempt will not work with initial state MASTER - clearing',
    '(VI_1) Warning - preempt delay will not work with initial state MASTER - clearing',
    '(VI_2) Initial state master is incompatible with AH authentication - clearing',
    '(VI_3) Cannot use AH authentication with IPv6. ignoring',
    '(VI_4) Initial state master is incompatible with AH authentication - clearing',
    '(VI_4) preempt_delay is incompatible with nopreempt mode - resetting',
    '(VI_6) VRRP version 3 does not support authentication. Ignoring.',
  ]);
  assert.equal(r.exit, 5);
  const [one, two, three, four, five] = r.config.vrrp.instances;
  // nopreempt goes, not MASTER: keepalived's dump shows "Wantstate = MASTER, Preempt = enabled".
  assert.deepEqual([one?.state, one?.nopreempt, one?.preemptDelayMs, one?.authentication], ['MASTER', false, 0, undefined]);
  assert.equal(two?.state, 'BACKUP');
  assert.equal(three?.authentication, undefined);
  assert.deepEqual([four?.state, four?.nopreempt, four?.preemptDelayMs], ['BACKUP', true, 0]);
  assert.equal(five?.state, 'MASTER');
});

test('a VRRPv3 instance without a VIP stops keepalived; a VRRPv2 one is warned, before its other lines', () => {
  const v2 = run(vi('VI_1', 1, '    unicast_src_ip 10.0.0.9'));
  assert.deepEqual(v2.lines, [
    '(VI_1) No VIP specified; at least one is sensible',
    '(VI_1) A unicast keyword has been specified without any unicast peers. Defaulting to multicast. This usage is deprecated - please update your configuration.',
  ]);
  const v3 = run(vi('VI_1', 1, '    version 3\n    unicast_src_ip 10.0.0.9') + vi('VI_2', 2, '    priority 300'));
  assert.deepEqual(v3.lines.filter((l) => !l.includes('Line')), ['(VI_1) No VIP specified; at least one is required']);
  assert.equal(v3.exit, 5);
});

test('a vrrp_script without a script is dropped at its closing brace; an instance tracking it hears "not found"', () => {
  const r = run(`vrrp_script chk {\n    interval 1\n}\n${vi('VI_1', 1, `${vip}\n    track_script {\n        chk\n    }`)}`);
  assert.deepEqual(r.lines, [
    '(k.conf: Line 3) No script set for vrrp_script chk - removing',
    '(k.conf: Line 11) (VI_1) track script chk not found, ignoring...',
  ]);
  assert.deepEqual(r.config.vrrp.scripts, []);
});

test("scripts keepalived keeps: a `</path` test (not counted for script security) and an existing file that is not executable (counted)", () => {
  const host = stubHost({ files: ['/etc/keepalived/check.sh'] });
  const track = (names: string[]) => `${vip}\n    track_script {\n${names.map((n) => `        ${n}\n`).join('')}    }`;
  const scripts = (lines: string[]) => lines.map((l, i) => `vrrp_script s${i} {\n    script "${l}"\n}\n`).join('');
  const redirect = run(`${scripts(['</dev/tcp/127.0.0.1/80'])}${vi('VI_1', 1, track(['s0']))}`, host);
  assert.deepEqual(redirect.lines, []);
  assert.equal(redirect.exit, 0);
  assert.deepEqual(redirect.config.vrrp.instances[0]?.trackScripts.map((r) => r.name), ['s0']);

  const notExecutable = run(`${scripts(['/etc/keepalived/check.sh arg'])}${vi('VI_1', 1, track(['s0']))}`, host);
  assert.deepEqual(notExecutable.lines, ['SECURITY VIOLATION - scripts are being executed but script_security not enabled.']);
  assert.equal(notExecutable.exit, 6);

  // A `<` not followed by a path, a missing path and a bare name that PATH lacks are dropped.
  const dropped = run(`${scripts(['<foo', '/etc/keepalived/missing.sh', 'nosuch'])}${vi('VI_1', 1, track(['s0', 's1', 's2']))}`, host);
  assert.deepEqual(dropped.lines, [0, 1, 2].map((i) => `Disabling track script s${i} since not found/accessible`));
  assert.equal(dropped.exit, 5);
});

test('the first address an instance names sets its family; later ones of the other family are refused in keepalived\'s words', () => {
  const r = run(`vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 1
    unicast_src_ip 2001:db8::1
    unicast_peer {
        192.168.50.2
        2001:db8::2
    }
    virtual_ipaddress {
        192.168.50.100/24
        2001:db8::100/64
    }
    authentication {
        auth_type PASS
        auth_pass x
    }
}
vrrp_instance VI_2 {
    interface eth0
    virtual_router_id 2
    virtual_ipaddress {
        192.168.50.101/24
    }
    unicast_src_ip 2001:db8::1
}`);
  assert.deepEqual(r.lines, [
    '(k.conf: Line 6) Configuration error: VRRP instance[VI_1] and unicast peer address[192.168.50.2] MUST be of the same family !!! Skipping...',
    '(k.conf: Line 10) (VI_1): address family must match VRRP instance [192.168.50.100/24] - ignoring',
    '(k.conf: Line 24) Configuration error: VRRP instance[VI_2] and src address[2001:db8::1] MUST be of the same family !!! Skipping...',
    // IPv6 without a version of its own is VRRPv3.
    '(VI_1) VRRP version 3 does not support authentication. Ignoring.',
    '(VI_2) A unicast keyword has been specified without any unicast peers. Defaulting to multicast. This usage is deprecated - please update your configuration.',
  ]);
  const [vi1, vi2] = r.config.vrrp.instances;
  assert.equal(vi1?.family, 6);
  assert.deepEqual(vi1?.virtualAddresses.map((v) => v.address.text), ['2001:db8::100']);
  assert.equal(vi2?.family, 4);
  assert.equal(vi2?.unicastSrcIp, undefined);
});

test('a script that cannot be found: the daemon says why before disabling it; a config test only disables it', () => {
  const text = `vrrp_script a {\n    script "/etc/keepalived/missing.sh arg"\n}\nvrrp_script b {\n    script "nosuch x"\n}\n${vi('VI_1', 1, `${vip}\n    track_script {\n        a\n        b\n    }`)}`;
  assert.deepEqual(run(text, stubHost(), false).lines, [
    // The first script looks the default script user up (none configured).
    "Script user 'keepalived_script' does not exist",
    'Script /etc/keepalived/missing.sh cannot be accessed - No such file or directory',
    'Disabling track script a since not found/accessible',
    'Cannot find script nosuch in path - disabling',
    'Disabling track script b since not found/accessible',
  ]);
  assert.deepEqual(run(text).lines, ['Disabling track script a since not found/accessible', 'Disabling track script b since not found/accessible']);
});

test('the daemon warns of a script found by path search, before the security line; a config test does not', () => {
  const host = stubHost({ executables: ['/usr/bin/killall'] });
  const text = `vrrp_script chk {\n    script "killall -0 haproxy"\n}\n${vi('VI_1', 1, `${vip}\n    track_script {\n        chk\n    }`)}`;
  assert.deepEqual(run(text, host, false).lines, [
    "Script user 'keepalived_script' does not exist",
    'WARNING - script `killall` resolved by path search to `/usr/bin/killall`. Please specify full path.',
    'SECURITY VIOLATION - scripts are being executed but script_security not enabled.',
  ]);
  assert.deepEqual(run(text, host).lines, ['SECURITY VIOLATION - scripts are being executed but script_security not enabled.']);
});

test('a route through an interface the host lacks (its own dev or a next hop\'s) is reported and stops the VRRP configuration, as keepalived', () => {
  const r = run(`static_routes {\n    10.9.0.0/16 dev eth5\n}\n${vi('VI_1', 1, `${vip}\n    virtual_routes {\n        10.8.0.0/16 nexthop via 10.0.0.254 dev eth7\n        10.7.0.0/16 dev eth1\n    }`)}`);
  assert.deepEqual(r.lines, [
    "(k.conf: Line 2) WARNING - interface eth5 for VROUTE nexthop doesn't exist",
    "(k.conf: Line 11) WARNING - interface eth7 for VROUTE nexthop doesn't exist",
    '(k.conf: Line 11) Warning - cannot track route 10.8.0.0/16 with no interface specified, not tracking',
    'Non-existent interface specified in configuration',
  ]);
  assert.equal(r.config.vrrp.missingInterface, true);
});
