//! Render: each output is a renderer over the same loaded [`crate::model::Site`].

pub mod bundle;
pub mod context;
pub mod images;
pub mod markdown;
pub mod print;
pub mod sanitize;
pub mod search;
pub mod site;
pub mod status;
pub mod templates;
