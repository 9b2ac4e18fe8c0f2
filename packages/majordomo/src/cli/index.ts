/**
 * The `zmtp-broker` command as functions, for programs that wrap it (the `zmtp broker` command of
 * @zmtp/cli): its option parser, its option help, and its start-up. Node only.
 *
 * @packageDocumentation
 */
export { type BrokerArgs, brokerOptionsHelp, parseBrokerArgs, usage } from './args.js'
export { startBroker } from './start.js'
