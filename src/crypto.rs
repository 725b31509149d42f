//! Encrypted backups through the browser's WebCrypto: PBKDF2-SHA256 turns
//! the passphrase into an AES-256-GCM key; the envelope (its layout, the
//! associated data, the checks) is `huifang_core::backup::encrypted`.

use huifang_core::backup::encrypted::{Envelope, EnvelopeError, Header, IV_LEN, SALT_LEN};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

use crate::i18n::{Lang, Msg};

/// Why a backup could not be encrypted or decrypted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    /// No WebCrypto: the page is not a secure context (plain http from
    /// another machine) or the browser is too old.
    #[error("WebCrypto is not available")]
    Unavailable,
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    /// GCM refused the file. A wrong passphrase and a changed or damaged
    /// file look exactly the same to it, so the message says both.
    #[error("wrong passphrase, or the file was changed or damaged")]
    Rejected,
    #[error("WebCrypto failed: {0}")]
    Failed(String),
}

impl CryptoError {
    /// The problem in the user's language.
    pub fn text(&self, lang: Lang) -> String {
        use EnvelopeError::*;
        let with = |msg: Msg, n: &dyn std::fmt::Display| msg.text(lang).replace("{n}", &n.to_string());
        match self {
            CryptoError::Unavailable => Msg::CryptoUnavailable.text(lang).into(),
            CryptoError::Rejected => Msg::CryptoRejected.text(lang).into(),
            CryptoError::Failed(detail) => format!("{}{detail}", Msg::CryptoFailed.text(lang)),
            CryptoError::Envelope(e) => match e {
                NotJson => Msg::EnvelopeNotJson.text(lang).into(),
                NotEncrypted => Msg::EnvelopeNotEncrypted.text(lang).into(),
                TooNew(v) => with(Msg::EnvelopeTooNew, v),
                Unsupported(v) => with(Msg::EnvelopeUnsupported, v),
                Missing(part) => with(Msg::EnvelopeMissing, part),
                UnknownKdf(name) | UnknownCipher(name) => with(Msg::EnvelopeUnknownAlgorithm, name),
                WeakKdf { found } => with(Msg::EnvelopeWeakKdf, found),
                TooManyIterations { found } => with(Msg::EnvelopeTooManyIterations, found),
                BadBase64(part) => with(Msg::EnvelopeBadBase64, part),
                WrongLength { field, .. } => with(Msg::EnvelopeWrongLength, field),
            },
        }
    }
}

fn failed(e: JsValue) -> CryptoError {
    let name = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string());
    let message = js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string());
    CryptoError::Failed(match (name, message) {
        (Some(n), Some(m)) => format!("{n}: {m}"),
        (n, m) => n.or(m).or_else(|| e.as_string()).unwrap_or_default(),
    })
}

fn crypto() -> Result<(web_sys::Crypto, SubtleCrypto), CryptoError> {
    let crypto = web_sys::window().ok_or(CryptoError::Unavailable)?.crypto().map_err(|_| CryptoError::Unavailable)?;
    // `crypto.subtle` is undefined outside a secure context.
    let subtle = crypto.subtle();
    if JsValue::from(subtle.clone()).is_undefined() {
        return Err(CryptoError::Unavailable);
    }
    Ok((crypto, subtle))
}

async fn call(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, CryptoError> {
    JsFuture::from(promise.map_err(failed)?).await.map_err(failed)
}

fn usages(list: &[&str]) -> Array {
    list.iter().map(|u| JsValue::from_str(u)).collect()
}

/// The AES-256-GCM key for `passphrase` (its UTF-8 bytes, exactly as typed).
async fn derive_key(subtle: &SubtleCrypto, passphrase: &str, header: &Header) -> Result<CryptoKey, CryptoError> {
    let secret = Uint8Array::from(passphrase.as_bytes());
    let base = call(subtle.import_key_with_str("raw", &secret, "PBKDF2", false, &usages(&["deriveKey"]))).await?;
    let params =
        Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", header.iterations, &Uint8Array::from(&header.salt[..]));
    let aes = AesDerivedKeyParams::new("AES-GCM", 256);
    let key = call(subtle.derive_key_with_object_and_object(
        &params,
        base.unchecked_ref(),
        &aes,
        false,
        &usages(&["encrypt", "decrypt"]),
    ))
    .await?;
    Ok(key.unchecked_into())
}

fn gcm(header: &Header) -> AesGcmParams {
    let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(&header.iv[..]));
    params.set_additional_data_u8_array(&Uint8Array::from(&header.associated_data()[..]));
    params
}

fn bytes_of(buffer: &JsValue) -> Vec<u8> {
    Uint8Array::new(buffer).to_vec()
}

/// Seals a backup file (`plain`) into an encrypted one, with a fresh random
/// salt and IV, returning the envelope's bytes.
pub async fn encrypt(plain: &[u8], passphrase: &str) -> Result<Vec<u8>, CryptoError> {
    let (crypto, subtle) = crypto()?;
    let mut salt = [0u8; SALT_LEN];
    let mut iv = [0u8; IV_LEN];
    crypto.get_random_values_with_u8_array(&mut salt).map_err(failed)?;
    crypto.get_random_values_with_u8_array(&mut iv).map_err(failed)?;
    let header = Header::new(salt, iv);
    let key = derive_key(&subtle, passphrase, &header).await?;
    let sealed = call(subtle.encrypt_with_object_and_u8_array(&gcm(&header), &key, plain)).await?;
    Ok(Envelope { header, ciphertext: bytes_of(&sealed) }.to_json().into_bytes())
}

/// Opens an encrypted backup, giving back the plain backup file's bytes.
/// The envelope is checked first; GCM then refuses a wrong passphrase or
/// any change to the header or ciphertext, so nothing unchecked comes out.
pub async fn decrypt(file: &[u8], passphrase: &str) -> Result<Vec<u8>, CryptoError> {
    let envelope = Envelope::parse(file)?;
    let (_, subtle) = crypto()?;
    let key = derive_key(&subtle, passphrase, &envelope.header).await?;
    let opened = JsFuture::from(
        subtle.decrypt_with_object_and_u8_array(&gcm(&envelope.header), &key, &envelope.ciphertext).map_err(failed)?,
    )
    .await
    .map_err(|e| {
        // WebCrypto says "OperationError" when the tag does not check out.
        let name = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string());
        if name.as_deref() == Some("OperationError") {
            CryptoError::Rejected
        } else {
            failed(e)
        }
    })?;
    Ok(bytes_of(&opened))
}
