//! Turning response JSON into typed values, with errors that say which list item is bad.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{
    self, Deserialize, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};

use super::error::ApiError;

/// A parsed JSON document that serde can read as any type and that can be split into list items
/// (the browser's `JsValue` from `JSON.parse`; the native tests wrap `serde_json::Value`).
pub trait Document: Sized {
    /// The deserializer's error; its text becomes the message of [`ApiError::Decode`].
    type Error: std::fmt::Display;
    /// Reads the whole document as `T`.
    fn read<T: DeserializeOwned>(&self) -> Result<T, Self::Error>;
    /// The number of items, if the document is a list.
    fn list_len(&self) -> Option<usize>;
    /// A list holding only item `index` of this list, or no item for `None`.
    fn sub_list(&self, index: Option<usize>) -> Self;
    /// An empty object (`{}`).
    fn empty_object() -> Self;
}

/// Deserializes `T` from `document`; a failure becomes [`ApiError::Decode`] with serde's message
/// (which names missing fields, unknown variants, wrong types). When a list fails, the message
/// names the first bad item: `item 2 of the list: invalid type: …`.
pub fn decode<D: Document, T: DeserializeOwned>(document: D) -> Result<T, ApiError> {
    document.read::<T>().map_err(|err| {
        // Each item is read as a one-item list of the same `T`: no extra generic code per model.
        explain(&document, err.to_string(), &|list: &D| {
            list.read::<T>().err().map(|e| e.to_string())
        })
    })
}

/// Finds the first list item that `fails` for; non-generic over `T` to keep the wasm small.
fn explain<D: Document>(
    document: &D,
    whole: String,
    fails: &dyn Fn(&D) -> Option<String>,
) -> ApiError {
    // Only a `T` that reads `[]` but not `{}` is a list type (a struct whose fields all have
    // defaults reads both); any other `T` keeps serde's message.
    if let Some(len) = document.list_len() {
        if fails(&document.sub_list(None)).is_none() && fails(&D::empty_object()).is_some() {
            for index in 0..len {
                if let Some(msg) = fails(&document.sub_list(Some(index))) {
                    return ApiError::Decode(format!("item {} of the list: {msg}", index + 1));
                }
            }
        }
    }
    ApiError::Decode(whole)
}

#[cfg(target_arch = "wasm32")]
impl Document for wasm_bindgen::JsValue {
    type Error = serde_wasm_bindgen::Error;

    fn read<T: DeserializeOwned>(&self) -> Result<T, Self::Error> {
        T::deserialize(serde_wasm_bindgen::Deserializer::from(self.clone()))
    }

    fn list_len(&self) -> Option<usize> {
        use wasm_bindgen::JsCast;
        self.dyn_ref::<js_sys::Array>().map(|a| a.length() as usize)
    }

    fn sub_list(&self, index: Option<usize>) -> Self {
        use wasm_bindgen::JsCast;
        let list = js_sys::Array::new();
        if let (Some(array), Some(i)) = (self.dyn_ref::<js_sys::Array>(), index) {
            list.push(&array.get(i as u32));
        }
        list.into()
    }

    fn empty_object() -> Self {
        js_sys::Object::new().into()
    }
}

/// Deserializes `T` from a JavaScript value (the result of `JSON.parse`).
#[cfg(target_arch = "wasm32")]
pub fn decode_js<T: DeserializeOwned>(value: wasm_bindgen::JsValue) -> Result<T, ApiError> {
    decode(value)
}

/// Any JSON value, read with any serde format (serde-wasm-bindgen in the browser, serde_json in
/// tests): what an error body and a backup's free-form `metadata` hold.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonValue {
    /// `null` (also what binary data and enum values, which JSON cannot hold, are read as).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    List(Vec<JsonValue>),
    /// An object.
    Map(BTreeMap<String, JsonValue>),
}

impl JsonValue {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsonValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// A whole non-negative number, also from a numeric string (`"2048"`).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            JsonValue::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n < 1.8e19 => Some(*n as u64),
            JsonValue::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A short text for display: scalars as written (`null` as nothing), lists and objects
    /// summarised (`a, b`, `key: value, …`).
    pub fn display(&self) -> String {
        match self {
            JsonValue::String(s) => s.clone(),
            JsonValue::Number(n) => n.to_string(),
            JsonValue::Bool(b) => b.to_string(),
            JsonValue::Null => String::new(),
            JsonValue::List(items) => items
                .iter()
                .map(JsonValue::display)
                .collect::<Vec<_>>()
                .join(", "),
            JsonValue::Map(m) => m
                .iter()
                .map(|(k, v)| format!("{k}: {}", v.display()))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

impl<'de> Deserialize<'de> for JsonValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = JsonValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E>(self, v: &str) -> Result<JsonValue, E> {
        Ok(JsonValue::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<JsonValue, E> {
        Ok(JsonValue::String(v))
    }
    fn visit_bool<E>(self, v: bool) -> Result<JsonValue, E> {
        Ok(JsonValue::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<JsonValue, E> {
        Ok(JsonValue::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<JsonValue, E> {
        Ok(JsonValue::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<JsonValue, E> {
        Ok(JsonValue::Number(v))
    }
    fn visit_unit<E>(self) -> Result<JsonValue, E> {
        Ok(JsonValue::Null)
    }
    fn visit_none<E>(self) -> Result<JsonValue, E> {
        Ok(JsonValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<JsonValue, D::Error> {
        JsonValue::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(JsonValue::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonValue, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            entries.insert(key, map.next_value()?);
        }
        Ok(JsonValue::Map(entries))
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<JsonValue, E> {
        Ok(JsonValue::Null)
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<JsonValue, A::Error> {
        let _ = data.variant::<IgnoredAny>()?;
        Ok(JsonValue::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn any_json_value_is_read_and_shown_as_text() {
        let v: JsonValue = serde_json::from_value(json!({
            "flag": true, "n": 3, "x": 2.5, "none": null, "list": ["a", 1], "o": {"k": "v"}
        }))
        .unwrap();
        let JsonValue::Map(m) = &v else {
            panic!("an object: {v:?}")
        };
        let shown: Vec<(&str, String)> = m.iter().map(|(k, v)| (k.as_str(), v.display())).collect();
        assert_eq!(
            shown,
            [
                ("flag", "true".to_string()),
                ("list", "a, 1".into()),
                ("n", "3".into()),
                ("none", "".into()),
                ("o", "k: v".into()),
                ("x", "2.5".into()),
            ]
        );
        assert_eq!(m["n"].as_u64(), Some(3));
        assert_eq!(JsonValue::String(" 2048 ".into()).as_u64(), Some(2048));
        assert_eq!(m["x"].as_u64(), None);
        assert_eq!(JsonValue::Number(-1.0).as_u64(), None);
        assert_eq!(m["o"].as_str(), None);
    }
}
