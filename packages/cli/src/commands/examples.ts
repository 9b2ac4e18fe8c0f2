/** Examples for each socket command's `--help`, as a user would type them. */
export const SOCKET_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  req: [
    "echo 'ping' | zmtp req --connect tcp://127.0.0.1:5555",
    'zmtp req --connect ws://127.0.0.1:8080/api --timeout 2s --data status',
  ],
  rep: [
    'zmtp rep --bind tcp://127.0.0.1:5555 --echo',
    "zmtp rep --bind tcp://*:5555 --exec 'tr a-z A-Z'",
    "printf 'one\\ntwo\\n' | zmtp rep --bind ipc:///tmp/answers.sock",
  ],
  dealer: ["printf 'job\\t42\\n' | zmtp dealer --connect tcp://127.0.0.1:5556 --count 1"],
  router: ['zmtp router --bind tcp://*:5556 --format quoted'],
  pub: [
    "zmtp pub --bind tcp://*:5557 --data 'weather.paris\t21C' --interval 1s",
    'tail -f app.log | zmtp pub --connect tcp://127.0.0.1:5558',
  ],
  sub: [
    'zmtp sub --connect tcp://127.0.0.1:5557 --subscribe weather.',
    'zmtp sub --connect ws://127.0.0.1:8080/feed --count 1 --timeout 5s',
  ],
  xpub: ['zmtp xpub --bind tcp://*:5559 --format quoted'],
  xsub: ['zmtp xsub --connect tcp://127.0.0.1:5559 --subscribe weather.'],
  push: [
    'seq 1 100 | zmtp push --connect tcp://127.0.0.1:5560',
    'zmtp push --bind tcp://*:5560 --format raw < messages.bin',
  ],
  pull: ['zmtp pull --bind tcp://*:5560', 'zmtp pull --bind tcp://127.0.0.1:* --format json --count 10'],
  pair: ['zmtp pair --bind ipc:///tmp/pair.sock', 'zmtp pair --connect ipc:///tmp/pair.sock --data hello'],
}
