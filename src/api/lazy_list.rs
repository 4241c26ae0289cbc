//! A list inside a backup that only the lazily loaded parts read.
//!
//! A backup's source network (security groups with their rules, ports with their addresses,
//! floating IPs) and its restorations are shown by the detail drawer and read by the restore
//! dialog, both in the `dialogs` chunk. The table only counts restorations. In the browser a
//! [`LazyList`] keeps the JavaScript array the server sent and decodes its items when a chunk
//! asks for them, so the decoders of those item types live in the chunk with the code that
//! reads them, not in the module that paints the first rows. Natively (the unit tests) it
//! decodes its items at once, as any other list.

use std::fmt;
#[cfg(target_arch = "wasm32")]
use std::marker::PhantomData;

use serde::de::{Deserialize, DeserializeOwned, Deserializer};

/// A list field of a backup, decoded when read: [`LazyList::items`]. A missing or `null` list is
/// empty. In the browser an item that does not decode is left out when the list is read (the
/// rest of the backup is still shown); natively it fails the backup's decoding, as in any list.
pub struct LazyList<T> {
    inner: Inner<T>,
}

enum Inner<T> {
    /// Decoded items (natively always; in the browser when built from a `Vec`).
    Items(Vec<T>),
    /// The array as the server sent it, not decoded yet.
    #[cfg(target_arch = "wasm32")]
    Raw(
        send_wrapper::SendWrapper<wasm_bindgen::JsValue>,
        PhantomData<fn() -> T>,
    ),
}

impl<T: DeserializeOwned + Clone> LazyList<T> {
    /// The items, decoded now (in the browser each call decodes again: read them once per use).
    pub fn items(&self) -> Vec<T> {
        match &self.inner {
            Inner::Items(items) => items.clone(),
            #[cfg(target_arch = "wasm32")]
            Inner::Raw(raw, _) => decode_items(raw),
        }
    }
}

/// Each item of `raw` (a JavaScript array) that decodes, in order. Item by item so one bad item
/// leaves the others; the same deserializer as every other response, so the item decoders are
/// the ones the instance decoder uses too.
#[cfg(target_arch = "wasm32")]
fn decode_items<T: DeserializeOwned>(raw: &wasm_bindgen::JsValue) -> Vec<T> {
    use super::decode::Document;
    use wasm_bindgen::JsCast;
    raw.dyn_ref::<js_sys::Array>()
        .map(|array| {
            array
                .iter()
                .filter_map(|item| item.read::<T>().ok())
                .collect()
        })
        .unwrap_or_default()
}

impl<T> LazyList<T> {
    /// How many items the server sent (without decoding them).
    pub fn len(&self) -> usize {
        match &self.inner {
            Inner::Items(items) => items.len(),
            #[cfg(target_arch = "wasm32")]
            Inner::Raw(raw, _) => {
                use wasm_bindgen::JsCast;
                raw.dyn_ref::<js_sys::Array>()
                    .map_or(0, |a| a.length() as usize)
            }
        }
    }

    /// Whether the list has no items.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<T> From<Vec<T>> for LazyList<T> {
    fn from(items: Vec<T>) -> Self {
        LazyList {
            inner: Inner::Items(items),
        }
    }
}

impl<T> Default for LazyList<T> {
    fn default() -> Self {
        Vec::new().into()
    }
}

impl<T: Clone> Clone for LazyList<T> {
    fn clone(&self) -> Self {
        let inner = match &self.inner {
            Inner::Items(items) => Inner::Items(items.clone()),
            #[cfg(target_arch = "wasm32")]
            Inner::Raw(raw, _) => Inner::Raw(raw.clone(), PhantomData),
        };
        LazyList { inner }
    }
}

/// Two lists are equal when they hold the same items; undecoded arrays compare by their JSON
/// text, so a refreshed backup whose lists did not change is equal to the one it replaces (the
/// drawer's memo then redraws nothing).
impl<T: PartialEq> PartialEq for LazyList<T> {
    fn eq(&self, other: &Self) -> bool {
        match (&self.inner, &other.inner) {
            (Inner::Items(a), Inner::Items(b)) => a == b,
            #[cfg(target_arch = "wasm32")]
            (Inner::Raw(a, _), Inner::Raw(b, _)) => json_text(a) == json_text(b),
            #[cfg(target_arch = "wasm32")]
            _ => self.is_empty() && other.is_empty(),
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn json_text(value: &wasm_bindgen::JsValue) -> Option<String> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
}

impl<T: fmt::Debug> fmt::Debug for LazyList<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Items(items) => items.fmt(f),
            #[cfg(target_arch = "wasm32")]
            Inner::Raw(_, _) => write!(f, "LazyList({} items, not decoded)", self.len()),
        }
    }
}

/// In the browser: the array passes through serde-wasm-bindgen untouched (its `preserve`), so no
/// item decoder is compiled here.
#[cfg(target_arch = "wasm32")]
impl<'de, T> Deserialize<'de> for LazyList<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw: wasm_bindgen::JsValue = serde_wasm_bindgen::preserve::deserialize(deserializer)?;
        Ok(if raw.is_null() || raw.is_undefined() {
            LazyList::default()
        } else {
            LazyList {
                inner: Inner::Raw(send_wrapper::SendWrapper::new(raw), PhantomData),
            }
        })
    }
}

/// Natively: decoded at once, `null` as empty.
#[cfg(not(target_arch = "wasm32"))]
impl<'de, T: Deserialize<'de>> Deserialize<'de> for LazyList<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<Vec<T>>::deserialize(deserializer)?
            .unwrap_or_default()
            .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natively_a_list_is_decoded_at_once_and_null_or_missing_is_empty() {
        let list: LazyList<String> = serde_json::from_value(serde_json::json!(["a", "b"])).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list.items(), ["a", "b"]);
        let none: LazyList<String> = serde_json::from_value(serde_json::Value::Null).unwrap();
        assert!(none.is_empty());
        assert_eq!(none, LazyList::default());
        assert_eq!(LazyList::from(vec![1, 2]), LazyList::from(vec![1, 2]));
        assert_ne!(LazyList::from(vec![1, 2]), LazyList::from(vec![1]));
    }
}
