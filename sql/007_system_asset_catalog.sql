-- The system asset catalog of spec 08 §8: 42 entries (15 sfx, 11 ambient, 10 music, 6 transition). This table is
-- the one source of the catalog: each silo loads it at start (SystemAssetCatalogLoader); there are no admin routes.
--
-- The preview files are WAV, PCM 16-bit mono at 16,000 Hz, under assets/{category}/{asset_id}.wav in the system
-- bucket, rather than the spec's proposed mp3: size_bytes must be known to this static migration, and an
-- uncompressed file's size follows from its duration alone (a 44-byte header and 2 bytes for each of
-- round(duration × 16000) samples) where an encoder's output does not. The silo synthesizes the files and uploads
-- the missing ones (SystemAssetPreviewSeeder), so object and row agree byte for byte.
INSERT INTO system_assets (id, category, name, description, duration_seconds, tags, s3_key, content_type, size_bytes)
SELECT id, category::system_asset_category, name, description, duration_seconds, tags,
       'assets/' || category || '/' || id || '.wav', 'audio/wav', 44 + 2 * round(duration_seconds * 16000)::bigint
FROM (VALUES
    ('asset_sfx_whoosh', 'sfx', 'whoosh', 'Light, quick swoosh effect', 0.5, ARRAY['movement', 'air', 'fast', 'transition']),
    ('asset_sfx_whoosh_heavy', 'sfx', 'whoosh_heavy', 'Heavy, powerful swoosh effect', 0.8, ARRAY['movement', 'air', 'powerful', 'impact']),
    ('asset_sfx_impact', 'sfx', 'impact', 'Generic impact/collision sound', 0.3, ARRAY['collision', 'hit', 'punch', 'effect']),
    ('asset_sfx_impact_metal', 'sfx', 'impact_metal', 'Metallic impact/clang', 0.4, ARRAY['metal', 'collision', 'clang', 'industrial']),
    ('asset_sfx_click', 'sfx', 'click', 'Light UI click sound', 0.2, ARRAY['ui', 'interactive', 'button', 'light']),
    ('asset_sfx_pop', 'sfx', 'pop', 'Quick pop/burst effect', 0.25, ARRAY['pop', 'burst', 'playful', 'light']),
    ('asset_sfx_applause', 'sfx', 'applause', 'Full applause track', 3.2, ARRAY['crowd', 'celebration', 'approval', 'audience']),
    ('asset_sfx_applause_short', 'sfx', 'applause_short', 'Short applause burst', 1.1, ARRAY['crowd', 'celebration', 'approval', 'quick']),
    ('asset_sfx_footsteps', 'sfx', 'footsteps', 'Normal walking footsteps', 1.8, ARRAY['human', 'movement', 'walking', 'ambient']),
    ('asset_sfx_footsteps_running', 'sfx', 'footsteps_running', 'Running footsteps pattern', 1.2, ARRAY['human', 'movement', 'running', 'fast']),
    ('asset_sfx_confetti', 'sfx', 'confetti', 'Celebratory confetti sound', 0.6, ARRAY['celebration', 'festive', 'playful', 'effect']),
    ('asset_sfx_door_open', 'sfx', 'door_open', 'Door opening creak', 0.7, ARRAY['interaction', 'environment', 'creak', 'object']),
    ('asset_sfx_door_close', 'sfx', 'door_close', 'Door closing/slam', 0.6, ARRAY['interaction', 'environment', 'slam', 'object']),
    ('asset_sfx_typing', 'sfx', 'typing', 'Keyboard typing sequence', 1.4, ARRAY['human', 'interaction', 'office', 'activity']),
    ('asset_sfx_notification', 'sfx', 'notification', 'Alert/notification ping', 0.3, ARRAY['ui', 'alert', 'attention', 'digital']),
    ('asset_ambient_crowd', 'ambient', 'crowd', 'Calm crowd murmur', 5.0, ARRAY['crowd', 'people', 'background', 'calm']),
    ('asset_ambient_crowd_excited', 'ambient', 'crowd_excited', 'Excited crowd chatter', 4.8, ARRAY['crowd', 'people', 'background', 'energetic']),
    ('asset_ambient_nature', 'ambient', 'nature', 'Forest ambience', 6.0, ARRAY['nature', 'outdoor', 'birds', 'forest']),
    ('asset_ambient_nature_rain', 'ambient', 'nature_rain', 'Rainfall ambience', 5.5, ARRAY['nature', 'outdoor', 'water', 'weather']),
    ('asset_ambient_city', 'ambient', 'city', 'Urban street sounds', 5.2, ARRAY['city', 'outdoor', 'urban', 'busy']),
    ('asset_ambient_city_night', 'ambient', 'city_night', 'Night city traffic', 5.0, ARRAY['city', 'outdoor', 'urban', 'night']),
    ('asset_ambient_office', 'ambient', 'office', 'Office workplace sounds', 5.8, ARRAY['office', 'indoor', 'workplace', 'ambient']),
    ('asset_ambient_theater', 'ambient', 'theater', 'Theater/cinema ambience', 4.5, ARRAY['indoor', 'entertainment', 'venue', 'ambient']),
    ('asset_ambient_factory', 'ambient', 'factory', 'Industrial factory sounds', 6.2, ARRAY['industrial', 'machinery', 'factory', 'ambient']),
    ('asset_ambient_cafe', 'ambient', 'cafe', 'Coffee shop ambience', 5.3, ARRAY['indoor', 'social', 'cafe', 'ambient']),
    ('asset_ambient_ocean', 'ambient', 'ocean', 'Waves and ocean sounds', 5.7, ARRAY['nature', 'water', 'outdoor', 'weather']),
    ('asset_music_tense', 'music', 'tense', 'Tension-building composition', 15.0, ARRAY['mood', 'tension', 'dramatic', 'orchestral']),
    ('asset_music_tense_minimal', 'music', 'tense_minimal', 'Minimal tension underscore', 12.5, ARRAY['mood', 'tension', 'minimal', 'subtle']),
    ('asset_music_triumphant', 'music', 'triumphant', 'Victorious, uplifting music', 18.0, ARRAY['mood', 'victory', 'uplifting', 'orchestral']),
    ('asset_music_peaceful', 'music', 'peaceful', 'Calm, relaxing composition', 20.0, ARRAY['mood', 'peaceful', 'calming', 'instrumental']),
    ('asset_music_energetic', 'music', 'energetic', 'High-energy, driving music', 14.0, ARRAY['mood', 'energetic', 'driving', 'upbeat']),
    ('asset_music_anticipation', 'music', 'anticipation', 'Building anticipation theme', 13.5, ARRAY['mood', 'anticipation', 'building', 'dramatic']),
    ('asset_music_corporate', 'music', 'corporate', 'Professional, corporate underscore', 19.0, ARRAY['mood', 'corporate', 'professional', 'neutral']),
    ('asset_music_emotional', 'music', 'emotional', 'Emotionally evocative piece', 16.5, ARRAY['mood', 'emotional', 'poignant', 'orchestral']),
    ('asset_music_playful', 'music', 'playful', 'Light, whimsical composition', 12.0, ARRAY['mood', 'playful', 'whimsical', 'upbeat']),
    ('asset_music_dramatic', 'music', 'dramatic', 'Intense dramatic theme', 17.0, ARRAY['mood', 'dramatic', 'intense', 'orchestral']),
    ('asset_transition_swoosh', 'transition', 'swoosh', 'Clean musical swoosh', 0.6, ARRAY['transition', 'movement', 'clean', 'effect']),
    ('asset_transition_fade', 'transition', 'fade', 'Gentle fade effect', 1.0, ARRAY['transition', 'fade', 'smooth', 'effect']),
    ('asset_transition_glitch', 'transition', 'glitch', 'Digital glitch effect', 0.4, ARRAY['transition', 'digital', 'glitch', 'modern']),
    ('asset_transition_boom', 'transition', 'boom', 'Deep impact boom', 0.8, ARRAY['transition', 'impact', 'deep', 'powerful']),
    ('asset_transition_reverse', 'transition', 'reverse', 'Reversed effect sound', 0.7, ARRAY['transition', 'reverse', 'effect', 'unusual']),
    ('asset_transition_rise', 'transition', 'rise', 'Rising tension effect', 1.2, ARRAY['transition', 'rise', 'building', 'effect'])
) AS catalog (id, category, name, description, duration_seconds, tags);
