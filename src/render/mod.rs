//! Render: each output is a renderer over the same loaded [`crate::model::Site`].

pub mod context;
pub mod markdown;
pub mod print;
pub mod site;
pub mod status;
pub mod templates;
