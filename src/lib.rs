//! shuibei: a terminal explorer for the Shenzhen gold and jewelry industry cluster base
//! (Shuibei / Wanshan Industrial Zone, Luohu District).

pub mod cli;
pub mod data;
pub mod env;
pub mod explorer;
pub mod export;
pub mod sanitize;
pub mod search;
pub mod settings;
