// A write refused for a reason the caller should hear about: a CodedError of the closed list
// (shared/errors.ts). Thrown inside the transaction so it rolls everything back, and turned into
// an error ack (or an HTTP 4xx) outside it. The mutation modules keep this name for it.
export { CodedError as MutationRefused } from '../../shared/errors';
