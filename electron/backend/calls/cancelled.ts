import { AppError } from '../rpc/app-error';

/** How a call the user cancelled ends (the abort reason of its signal). */
export function cancelledError(callId: string): AppError {
  return new AppError('CANCELLED', '已取消', `call ${callId} cancelled by the user`);
}
