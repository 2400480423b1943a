//! The bit operators of the flag types ([`SendFlags`](crate::SendFlags),
//! [`RecvFlags`](crate::RecvFlags), [`PollEvents`](crate::PollEvents)), from
//! one macro: `|`, `&`, `^`, `!` and `|=`, `&=`, `^=`, like cppzmq's
//! `send_flags`/`recv_flags`/`event_flags` operators.

/// Implements the bit operators for a tuple struct `$t(inner)` whose only
/// field holds the raw bits. Invoke it where the field is visible.
macro_rules! bit_ops {
    ($t:ident) => {
        impl ::std::ops::BitOr for $t {
            type Output = $t;
            #[inline]
            fn bitor(self, rhs: $t) -> $t {
                $t(self.0 | rhs.0)
            }
        }
        impl ::std::ops::BitAnd for $t {
            type Output = $t;
            #[inline]
            fn bitand(self, rhs: $t) -> $t {
                $t(self.0 & rhs.0)
            }
        }
        impl ::std::ops::BitXor for $t {
            type Output = $t;
            #[inline]
            fn bitxor(self, rhs: $t) -> $t {
                $t(self.0 ^ rhs.0)
            }
        }
        impl ::std::ops::Not for $t {
            type Output = $t;
            #[inline]
            fn not(self) -> $t {
                $t(!self.0)
            }
        }
        impl ::std::ops::BitOrAssign for $t {
            #[inline]
            fn bitor_assign(&mut self, rhs: $t) {
                self.0 |= rhs.0;
            }
        }
        impl ::std::ops::BitAndAssign for $t {
            #[inline]
            fn bitand_assign(&mut self, rhs: $t) {
                self.0 &= rhs.0;
            }
        }
        impl ::std::ops::BitXorAssign for $t {
            #[inline]
            fn bitxor_assign(&mut self, rhs: $t) {
                self.0 ^= rhs.0;
            }
        }
    };
}

pub(crate) use bit_ops;
