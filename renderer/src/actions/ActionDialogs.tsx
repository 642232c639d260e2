export function ActionDialogs() {
  return null;
}
