/**
 * Resolves with the rejection of `promise`; fails the test when it fulfils.
 *
 * @example
 * ```ts
 * expect(await rejectionOf(client.send(cmd))).toBeInstanceOf(ResourceNotFoundException);
 * ```
 */
export const rejectionOf = async (
  promise: Promise<unknown>
): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
};
