import { z } from 'zod';
import { minorDigits, parseAmount, toMinor, type MinorText } from '../money.js';

/**
 * The fields each kind of asset has beyond the common ones. Kept as JSON in `assets.details`,
 * validated here so a VIN with an O in it or a crypto amount with too many decimals is refused
 * with the field named (details.vin, details.amount).
 */
const text = (max = 300) => z.string().trim().max(max);
const required = (what: string, max = 300) => z.string().trim().min(1, `${what} is required`).max(max);

/** ISO 3779: 17 characters, letters I, O and Q never used (they read as 1 and 0). */
const vin = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => /^[A-HJ-NPR-Z0-9]{17}$/.test(s), 'a VIN has 17 letters and digits, without I, O or Q');

export const CashDetails = z.object({
  /** Optional count by note or coin: each face value as text in the asset's currency. */
  denominations: z
    .array(z.object({ denomination: required('denomination', 30), count: z.number().int('count must be whole').positive('count must be at least 1') }))
    .max(100)
    .optional(),
});

export const BankFundsDetails = z.object({
  institution: required('institution'),
  accountNumber: required('account number', 100),
});

export const CryptoDetails = z.object({
  /** Ticker of the crypto asset (BTC, ETH, USDT...). */
  asset: required('crypto asset', 12).transform((s) => s.toUpperCase()),
  /** Quantity as text, e.g. "1.25000000"; parsed exactly into the asset's smallest unit. */
  amount: required('amount', 40),
  wallet: required('wallet or address', 200),
  exchange: text(200).default(''),
});

export const VehicleDetails = z.object({
  make: required('make', 100),
  model: required('model', 100),
  year: z.number().int().min(1885, 'year is too early for a motor vehicle').max(2100).optional(),
  vin: vin.optional(),
  plate: text(20).default(''),
  colour: text(40).default(''),
});

export const RealPropertyDetails = z.object({
  address: required('address', 500),
  parcel: text(100).default(''),
  titleReference: text(200).default(''),
});

export const JewelleryDetails = z.object({
  itemCount: z.number().int().positive().optional(),
  material: text(200).default(''),
});

export const ElectronicsDetails = z.object({
  make: text(100).default(''),
  model: text(100).default(''),
  serialNumber: text(100).default(''),
});

export const OtherDetails = z.object({ category: text(100).default('') });

export const DETAIL_SCHEMAS = {
  cash: CashDetails,
  bank_funds: BankFundsDetails,
  crypto: CryptoDetails,
  vehicle: VehicleDetails,
  real_property: RealPropertyDetails,
  jewellery: JewelleryDetails,
  electronics: ElectronicsDetails,
  other: OtherDetails,
} as const;

type Issue = { path: (string | number)[]; message: string };

/**
 * Checks what a schema cannot see alone: a crypto amount against the asset's decimals, and
 * cash denominations against the value as seized (their sum must be the amount counted).
 */
export function checkDetails(type: string, details: Record<string, unknown>, currency: string, valueSeizedMinor: MinorText | bigint): Issue[] {
  if (type === 'crypto') {
    const { asset, amount } = details as { asset: string; amount: string };
    // Tickers outside our table still get a strict decimal check with 18 places (ERC-20 default).
    const digits = minorDigits(asset) ?? 18;
    if (!/^\d+(\.\d+)?$/.test(amount)) return [{ path: ['details', 'amount'], message: `"${amount}" is not a quantity` }];
    const frac = amount.split('.')[1]?.replace(/0+$/, '') ?? '';
    if (frac.length > digits) return [{ path: ['details', 'amount'], message: `${asset} has ${digits} decimal places, not ${frac.length}` }];
    return [];
  }
  if (type === 'cash') {
    const list = (details as { denominations?: { denomination: string; count: number }[] }).denominations;
    if (!list?.length) return [];
    let sum = 0n;
    for (const [i, d] of list.entries()) {
      const p = parseAmount(d.denomination, currency);
      if (!p.ok || p.minor <= 0n)
        return [{ path: ['details', 'denominations', i, 'denomination'], message: p.ok ? 'must be greater than zero' : p.error }];
      sum += p.minor * BigInt(d.count);
    }
    if (sum !== toMinor(valueSeizedMinor))
      return [{ path: ['details', 'denominations'], message: `the denominations add up to ${sum} minor units, the value as seized is ${valueSeizedMinor}` }];
  }
  return [];
}
