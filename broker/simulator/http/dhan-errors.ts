/** Dhan's error bodies, as the simulator sends them (note §5.2–5.4, §10.2). */
import { type Response } from 'express';

export type DhanErrorType =
  | 'Invalid_Authentication'
  | 'Invalid_Access'
  | 'Rate_Limit'
  | 'Input_Exception'
  | 'Order_Error'
  | 'Internal_Server_Error'
  | 'Invalid_IP';

const TYPE_OF_CODE: Readonly<Record<string, DhanErrorType>> = {
  'DH-901': 'Invalid_Authentication',
  'DH-902': 'Invalid_Access',
  'DH-904': 'Rate_Limit',
  'DH-905': 'Input_Exception',
  'DH-906': 'Order_Error',
  'DH-908': 'Internal_Server_Error',
  'DH-911': 'Invalid_IP',
};

/** Sends a trading-API error: `{errorType, errorCode, errorMessage}`. */
export function sendDhanError(res: Response, status: number, code: keyof typeof TYPE_OF_CODE, message: string): void {
  res.status(status).json({ errorType: TYPE_OF_CODE[code], errorCode: code, errorMessage: message });
}

/** Sends a Data-API error: `{"status":"failed","data":{"<code>": "<message>"}}`. */
export function sendDataError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ status: 'failed', data: { [code]: message } });
}

export const MESSAGES = {
  invalidToken: 'Client ID or user generated access token is invalid or expired.',
  rateLimit: 'Too many requests on server from single user breaching rate limits. Try throttling API calls.',
  noData: 'System is unable to fetch data due to incorrect parameters or no data present',
  internal: 'Internal Server Error',
} as const;
