import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Typed search attributes, so a user can filter the Web UI, e.g.
 * `AccountId = "claude" AND OrdersPlaced > 0 AND CycleMarketTime >= "2026-06-01T03:45:00Z"`.
 * The dev stack registers them on start; workflows set them with `upsertSearchAttributes`.
 */
export const AccountIdKey = defineSearchAttributeKey('AccountId', 'KEYWORD');
export const ModelKey = defineSearchAttributeKey('Model', 'KEYWORD');
export const TradingModeKey = defineSearchAttributeKey('TradingMode', 'KEYWORD');
export const AccountStatusKey = defineSearchAttributeKey('AccountStatus', 'KEYWORD');
export const CycleMarketTimeKey = defineSearchAttributeKey('CycleMarketTime', 'DATETIME');
export const OrdersPlacedKey = defineSearchAttributeKey('OrdersPlaced', 'INT');

export const SEARCH_ATTRIBUTE_KEYS = [
  AccountIdKey,
  ModelKey,
  TradingModeKey,
  AccountStatusKey,
  CycleMarketTimeKey,
  OrdersPlacedKey,
] as const;
