// Which IP addresses an outbound request may reach: public unicast only. Loopback, private
// (RFC 1918, unique local), link-local (and with it the cloud metadata address 169.254.169.254),
// carrier-grade NAT, multicast, documentation and reserved ranges are refused, as are IPv6 forms
// that embed an IPv4 address (mapped, NAT64, 6to4), which could hide any of these.
import { BlockList, isIP } from "node:net";

const V4: Array<[string, number]> = [
  ["0.0.0.0", 8], // "this network"; 0.0.0.0 reaches the local host
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT (also Alibaba's metadata address 100.100.100.200)
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local: cloud metadata services (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved and broadcast
];
const V6: Array<[string, number]> = [
  ["::", 128],
  ["::1", 128],
  ["::ffff:0:0", 96], // IPv4-mapped
  ["64:ff9b::", 96], // NAT64
  ["64:ff9b:1::", 48],
  ["100::", 64], // discard
  ["2001::", 23], // IETF protocol assignments (Teredo among them)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4
  ["fc00::", 7], // unique local (AWS metadata fd00:ec2::254)
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
];

// Two lists: one BlockList matches IPv4 addresses against its IPv4-mapped IPv6 rule too.
const refusedV4 = new BlockList();
for (const [net, prefix] of V4) refusedV4.addSubnet(net, prefix, "ipv4");
const refusedV6 = new BlockList();
for (const [net, prefix] of V6) refusedV6.addSubnet(net, prefix, "ipv6");

/** True for an address on the public internet; false for anything local, private or special (and for what is not an IP). */
export function isPublicAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(ip);
  if (family === 4) return !refusedV4.check(ip, "ipv4");
  if (family === 6) return !refusedV6.check(ip, "ipv6");
  return false;
}
